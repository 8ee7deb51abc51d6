/**
 * A JSON report written item by item: the report without its long array is serialized once (the
 * skeleton, pretty-printed), and each item on its own, indented to its depth, where the skeleton
 * holds a mark. The same text as JSON.stringify of the whole, without the whole text or a tree of
 * every item held at once (200,000 findings: about 250 MB of text).
 */

/** Stands for the one item of the array that `items` replace; put `[ITEMS_MARK]` where they go. */
export const ITEMS_MARK = '\u0000items\u0000';

/** The skeleton's text around the items, and each item's text, in order (`skeleton`: JSON.stringify(…, null, 2)). */
export function* itemsInSkeleton<T>(skeleton: string, items: Iterable<T>, itemText: (item: T) => unknown): Generator<string> {
  const quoted = JSON.stringify(ITEMS_MARK);
  const mark = skeleton.indexOf(quoted);
  // nested in the report, an item's text is its own text with every line indented to its depth
  const indent = '\n' + skeleton.slice(skeleton.lastIndexOf('\n', mark) + 1, mark);
  yield skeleton.slice(0, mark);
  const nested = nestedText(indent);
  // the comma and indent before an item go as a piece of their own: joined to the item's text, they
  // made a string that had to be copied flat again before it was written (a finding's 2.6 KB of SARIF)
  const separator = `,${indent}`;
  let first = true;
  for (const item of items) {
    const text = nested(itemText(item));
    if (!first) yield separator;
    yield text;
    first = false;
  }
  yield skeleton.slice(mark + quoted.length);
}

/**
 * An item's text indented to the depth that `indent` (a newline and the spaces before the mark) gives:
 * the item stringified inside as many one-item arrays as the depth has levels, which indents its
 * lines as it writes them, and the arrays' brackets cut off (a second pass that indents every line
 * took about as long as the stringify itself: 3,000 SARIF results a 10 MB findings-heavy manifest).
 */
function nestedText(indent: string): (value: unknown) => string {
  const spaces = indent.length - 1;
  if (!/^\n *$/.test(indent) || spaces % 2 !== 0) return (value) => JSON.stringify(value, null, 2).replace(/\n/g, indent);
  const levels = spaces / 2;
  const wrap = (value: unknown): unknown => {
    let wrapped = value;
    for (let i = 0; i < levels; i++) wrapped = [wrapped];
    return wrapped;
  };
  // where the item's text starts and how much follows it, read off the arrays around a one-character item
  const frame = JSON.stringify(wrap(0), null, 2);
  const before = frame.lastIndexOf('0');
  const after = frame.length - before - 1;
  return (value) => {
    const text = JSON.stringify(wrap(value), null, 2);
    return text.slice(before, text.length - after);
  };
}
