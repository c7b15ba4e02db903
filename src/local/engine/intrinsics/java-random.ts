// A seeded generator with the algorithm of java.util.Random (a 48-bit linear congruential
// generator), which the Step Functions runtime is built on. States.MathRandom with a seed must
// return the same number every time; using the JVM's algorithm keeps our seeded numbers as
// close to the service's as we can get without observing them.
const MULTIPLIER = 0x5deece66dn
const ADDEND = 0xbn
const MASK = (1n << 48n) - 1n

export class JavaRandom {
  private state: bigint

  constructor(seed: number) {
    this.state = (BigInt.asUintN(64, BigInt(seed)) ^ MULTIPLIER) & MASK
  }

  /** A uniformly distributed integer in [0, bound); bound must be in 1..2^31-1. */
  nextInt(bound: number): number {
    let r = this.next31()
    const m = bound - 1
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n)
    // Rejection sampling exactly as the JVM does it, including its 32-bit overflow test.
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next31());
    return r
  }

  private next31(): number {
    this.state = (this.state * MULTIPLIER + ADDEND) & MASK
    return Number(this.state >> 17n)
  }
}
