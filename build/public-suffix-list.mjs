// The Public Suffix List compiled into Cookie Lens's own compact form at build time, read by
// src/core/public-suffix.ts. The rules come from the copy of the list that tldts carries (its
// trie data, walked here once per build); the list itself is the Mozilla Foundation's
// (MPL-2.0, THIRD_PARTY_NOTICES.md).
//
// The compiled form is one string of records separated by spaces. Each record lists one node's
// children in a trie of labels read from the right (record 0 is the rules' root, record 1 the
// exceptions' root, without their "!"): `,label` then one character for the rule ending there
// (`:` none, `=` ICANN section, `+` private section), then, when the label has children of its
// own, their record's number in base 36. A lookup splits the string once (native code) and then
// only searches the few records a hostname walks through, so loading it costs no per-label work.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { root } from './paths.mjs';

/** @typedef {'icann' | 'private'} Section */
/** @typedef {{ readonly rule: string, readonly section: Section }} SuffixRule  a list line: `co.uk`, `*.ck`, `!www.ck` */

/** Characters that mean "a rule ends here" after a label, by rule: none, ICANN, private. */
export const RULE_MARKS = { none: ':', icann: '=', private: '+' };
/** Characters the compiled form gives a meaning to: no label on the list may contain them. */
const RESERVED = /[\s,:=+]/;

/**
 * @typedef {object} TrieNode
 * @property {Map<string, TrieNode>} children by label
 * @property {Section | null} rule the rule that ends at this node, if any
 */

/** @returns {TrieNode} */
function node() {
  return { children: new Map(), rule: null };
}

/**
 * Compiles rules (as written on the list) into the form src/core/public-suffix.ts reads.
 * @param {readonly SuffixRule[]} rules
 * @returns {string}
 */
export function compileSuffixList(rules) {
  const roots = { rules: node(), exceptions: node() };
  for (const { rule, section } of rules) {
    const exception = rule.startsWith('!');
    let current = exception ? roots.exceptions : roots.rules;
    for (const label of (exception ? rule.slice(1) : rule).split('.').reverse()) {
      if (label === '' || RESERVED.test(label)) throw new Error(`public suffix list: cannot compile the rule "${rule}"`);
      let child = current.children.get(label);
      if (child === undefined) {
        child = node();
        current.children.set(label, child);
      }
      current = child;
    }
    if (current.rule !== null && current.rule !== section) throw new Error(`public suffix list: "${rule}" is in both sections`);
    current.rule = section;
  }
  // Records in breadth-first order, each node with children getting the next number.
  /** @type {TrieNode[]} */
  const queue = [roots.rules, roots.exceptions];
  /** @type {string[]} */
  const records = [];
  for (let i = 0; i < queue.length; i += 1) {
    const current = queue[i];
    if (current === undefined) break;
    let record = '';
    for (const [label, child] of [...current.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      record += `,${label}${RULE_MARKS[child.rule ?? 'none']}`;
      if (child.children.size > 0) {
        record += queue.length.toString(36);
        queue.push(child);
      }
    }
    records.push(record);
  }
  return records.join(' ');
}

/**
 * @typedef {object} TldtsTrie tldts's own trie data (tldts/dist/es6/src/data/trie.js)
 * @property {ArrayLike<number>} edgeChild
 * @property {ArrayLike<number>} edgeLength
 * @property {ArrayLike<number>} edgeStart
 * @property {ArrayLike<number>} nodeFlags 1: a rule of the ICANN section ends here, 2: of the private section
 * @property {string} labelText
 * @property {number} rulesRoot
 * @property {number} exceptionsRoot
 */

/**
 * tldts's trie data, checked for the fields this file reads: a tldts that changes its shape
 * fails the build instead of giving a wrong list.
 * @returns {Promise<TldtsTrie>}
 */
export async function tldtsTrie() {
  const file = path.join(root, 'node_modules/tldts/dist/es6/src/data/trie.js');
  /** @type {Record<string, unknown>} */
  const data = await import(pathToFileURL(file).href);
  /** @param {unknown} value @returns {value is ArrayLike<number>} */
  const isArray = (value) => ArrayBuffer.isView(value) && 'length' in value;
  const { edgeChild, edgeLength, edgeStart, nodeFlags, labelText, rulesRoot, exceptionsRoot } = data;
  if (!isArray(edgeChild) || !isArray(edgeLength) || !isArray(edgeStart) || !isArray(nodeFlags) || typeof labelText !== 'string'
    || typeof rulesRoot !== 'number' || typeof exceptionsRoot !== 'number') {
    throw new Error(`public suffix list: ${file} no longer has the trie this build reads; update build/public-suffix-list.mjs for this tldts version`);
  }
  return { edgeChild, edgeLength, edgeStart, nodeFlags, labelText, rulesRoot, exceptionsRoot };
}

/**
 * Every rule of the list as tldts stores it: a walk of its trie from both roots.
 * @param {TldtsTrie} trie
 * @returns {SuffixRule[]}
 */
export function rulesOfTldts({ edgeChild, edgeLength, edgeStart, nodeFlags, labelText, rulesRoot, exceptionsRoot }) {
  /** @type {number[]} */
  const offsets = [];
  for (let edge = 0, offset = 0; edge < edgeLength.length; edge += 1) {
    offsets.push(offset);
    offset += edgeLength[edge] ?? 0;
  }
  /** @type {SuffixRule[]} */
  const rules = [];
  /** @param {number} at @param {string} suffix @param {string} prefix */
  const visit = (at, suffix, prefix) => {
    for (let edge = edgeStart[at] ?? 0; edge < (edgeStart[at + 1] ?? 0); edge += 1) {
      const start = offsets[edge] ?? 0;
      const label = labelText.slice(start, start + (edgeLength[edge] ?? 0));
      const name = suffix === '' ? label : `${label}.${suffix}`;
      const child = edgeChild[edge] ?? 0;
      const flags = nodeFlags[child] ?? 0;
      if (flags !== 0 && flags !== 1 && flags !== 2) throw new Error(`public suffix list: tldts marks ${name} with ${flags}; update build/public-suffix-list.mjs`);
      if (flags !== 0) rules.push({ rule: `${prefix}${name}`, section: flags === 1 ? 'icann' : 'private' });
      visit(child, name, prefix);
    }
  };
  visit(rulesRoot, '', '');
  visit(exceptionsRoot, '', '!');
  return rules;
}

/** @type {Promise<string> | undefined} */
let compiled;

/** The whole list, compiled once per process (both browsers' builds and every watch rebuild use it). */
export function compiledPublicSuffixList() {
  compiled ??= tldtsTrie().then((trie) => compileSuffixList(rulesOfTldts(trie)));
  return compiled;
}
