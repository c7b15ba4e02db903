// S3's XML: rendering response documents with a small escaping helper, and parsing the few
// request bodies S3 takes (Delete, CreateBucketConfiguration) into plain objects.
import {XMLParser, XMLValidator} from 'fast-xml-parser'
import {S3Error} from './errors.js'

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/**
 * Escapes text for element content. Control characters (keys may hold them) become character
 * references, so a parser's whitespace handling cannot change a key on the way back.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;'
      case '<':
        return '&lt;'
      case '>':
        return '&gt;'
      case '"':
        return '&quot;'
      case "'":
        return '&apos;'
      default:
        return `&#x${(c.codePointAt(0) as number).toString(16).toUpperCase()};`
    }
  })
}

export type XmlValue = string | number | boolean | undefined

/** `<Name>text</Name>` for a value, nothing for undefined. */
export function element(name: string, value: XmlValue): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`
}

/** `<Name>children</Name>` where the children are already rendered. */
export function container(name: string, children: string): string {
  return `<${name}>${children}</${name}>`
}

export function document(root: string, children: string, namespaced = true): string {
  const open = namespaced ? `<${root} xmlns="${S3_NAMESPACE}">` : `<${root}>`
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${children}</${root}>`
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  // Keys may begin or end with spaces; S3 keeps them.
  trimValues: false,
  // Decodes numeric character references (&#x0D;), which the SDK uses for control characters.
  htmlEntities: true,
  isArray: (name, jPath) => String(jPath) === 'Delete.Object',
})

export type XmlNode = string | XmlNode[] | {[name: string]: XmlNode}

/**
 * Parses a request body that must be one `<root>` document. Anything else (not XML, another
 * root, a DOCTYPE, which S3 never accepts and which could expand entities) is MalformedXML.
 */
export function parseRequestXml(body: Buffer, root: string): Record<string, XmlNode> {
  const text = body.toString('utf8').replace(/^\uFEFF/, '')
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) throw new S3Error('MalformedXML')
  let parsed: Record<string, XmlNode>
  try {
    parsed = parser.parse(text) as Record<string, XmlNode>
  } catch {
    throw new S3Error('MalformedXML')
  }
  const roots = Object.keys(parsed).filter((name) => name !== '?xml')
  const content = parsed[root]
  if (roots.length !== 1 || content === undefined) throw new S3Error('MalformedXML')
  if (typeof content === 'string' && content.trim() === '') return {}
  if (typeof content !== 'object' || Array.isArray(content)) throw new S3Error('MalformedXML')
  return content
}

/** The text of an optional child element; MalformedXML when it is not plain text. */
export function textOf(node: Record<string, XmlNode>, name: string): string | undefined {
  const value = node[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new S3Error('MalformedXML')
  return value
}
