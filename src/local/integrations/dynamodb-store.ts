// In-memory DynamoDB tables for the local putItem/getItem/deleteItem integrations. A table must be
// created (with its key schema) before use, as in DynamoDB: anything else is ResourceNotFound.
// Items are kept in DynamoDB's typed JSON ({"S": "..."}, {"N": "1"}); a conditional write checks
// and writes in one synchronous step, so two executions racing for a lock item cannot both win.
import {conditionHolds, DynamoError, type ConditionInput, type Item} from './dynamodb-condition.js'

export interface TableDefinition {
  name: string
  partitionKey: string
  sortKey?: string
}

interface Table extends TableDefinition {
  items: Map<string, Item>
}

export class DynamoTables {
  private readonly tables = new Map<string, Table>()

  constructor(definitions: TableDefinition[] = []) {
    for (const d of definitions) this.createTable(d)
  }

  createTable(definition: TableDefinition): void {
    if (this.tables.has(definition.name)) throw new DynamoError('ValidationException', `Table already exists: ${definition.name}`)
    this.tables.set(definition.name, {...definition, items: new Map()})
  }

  listTables(): string[] {
    return [...this.tables.keys()].sort()
  }

  getItem(tableName: string, key: Item): Item | undefined {
    const table = this.table(tableName)
    return clone(table.items.get(keyOf(table, key, true)))
  }

  /** Puts the item; returns the item it replaced. Throws ConditionalCheckFailedException. */
  putItem(tableName: string, item: Item, condition?: ConditionInput): Item | undefined {
    const table = this.table(tableName)
    const id = keyOf(table, item, false)
    const old = table.items.get(id)
    if (condition !== undefined && !conditionHolds(condition, old)) throw new DynamoError('ConditionalCheckFailedException', 'The conditional request failed')
    table.items.set(id, clone(item) as Item)
    return clone(old)
  }

  /** Deletes the item if present; returns it. Throws ConditionalCheckFailedException. */
  deleteItem(tableName: string, key: Item, condition?: ConditionInput): Item | undefined {
    const table = this.table(tableName)
    const id = keyOf(table, key, true)
    const old = table.items.get(id)
    if (condition !== undefined && !conditionHolds(condition, old)) throw new DynamoError('ConditionalCheckFailedException', 'The conditional request failed')
    table.items.delete(id)
    return clone(old)
  }

  /** Every item of a table, for tests and diagnostics. */
  scan(tableName: string): Item[] {
    return [...this.table(tableName).items.values()].map((i) => clone(i) as Item)
  }

  private table(name: string): Table {
    const table = this.tables.get(name)
    if (table === undefined) throw new DynamoError('ResourceNotFoundException', 'Requested resource not found')
    return table
  }
}

const clone = (item: Item | undefined): Item | undefined => (item === undefined ? undefined : (structuredClone(item) as Item))

const KEY_TYPES = ['S', 'N', 'B']

/**
 * The identity of an item in its table. `exact` (a Key parameter) must hold the key attributes and
 * nothing else; an Item must hold them and may hold more. A key attribute must be S, N or B.
 */
function keyOf(table: Table, source: Item, exact: boolean): string {
  const names = table.sortKey === undefined ? [table.partitionKey] : [table.partitionKey, table.sortKey]
  const schemaMismatch = () => new DynamoError('ValidationException', 'The provided key element does not match the schema')
  if (exact && Object.keys(source).length !== names.length) throw schemaMismatch()
  const parts = names.map((name) => {
    const value = source[name]
    if (value === undefined) {
      throw exact ? schemaMismatch() : new DynamoError('ValidationException', `One or more parameter values were invalid: Missing the key ${name} in the item`)
    }
    const type = Object.keys(value)[0]
    if (Object.keys(value).length !== 1 || type === undefined || !KEY_TYPES.includes(type)) throw schemaMismatch()
    // N keys compare as numbers: "1" and "1.0" are the same key.
    return type === 'N' ? `N:${Number(value.N)}` : `${type}:${String(value[type])}`
  })
  return JSON.stringify(parts)
}

