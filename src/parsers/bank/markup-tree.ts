/**
 * A small element tree for the markup readers (camt XML, OFX SGML/XML): only the parts a
 * reader asked for are built, and looked up by child names.
 */

export interface XmlNode {
  /** Local name, any namespace prefix removed. */
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** The first child called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** The node at a path of child names. */
export function at(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let here = node;
  for (const name of names) here = child(here, name);
  return here;
}

/** Trimmed text at a path; undefined when absent or blank. */
export function textAt(node: XmlNode | undefined, ...names: string[]): string | undefined {
  const found = at(node, ...names);
  const text = found?.text.trim();
  return text ? text : undefined;
}
