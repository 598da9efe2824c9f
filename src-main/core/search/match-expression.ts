// Turns query terms into an FTS5 MATCH expression. User text never reaches the expression as
// syntax: segmentText drops every character that FTS5 reads as an operator (quotes, `*`, `-`,
// `:`, `^`, brackets), each token is a quoted string, and AND, OR, NOT and NEAR typed by a user
// become ordinary lower-case words inside quotes.
import type { QueryTerm } from './tokenize.js';

/** Column names of one field in the FTS5 table. */
export function bigramColumn(field: string): string {
  return `${field}_bigrams`;
}

export function unigramColumn(field: string): string {
  return `${field}_unigrams`;
}

/**
 * Builds a MATCH expression that requires every term in any of the fields: a CJK term of one
 * character matches the unigram columns, a longer one the phrase of its bigrams (危房改造 ->
 * "危房 房改 改造"), and a word matches the bigram columns, which hold the words too. Returns
 * undefined when there are no terms.
 */
export function buildMatchExpression(terms: readonly QueryTerm[], fields: readonly string[]): string | undefined {
  if (terms.length === 0) return undefined;

  const bigramColumns = `{${fields.map(bigramColumn).join(' ')}}`;
  const unigramColumns = `{${fields.map(unigramColumn).join(' ')}}`;

  const clauses = terms.map((term) => {
    if (term.kind === 'word') return `${bigramColumns} : ${quote(term.token)}`;
    if (term.chars.length === 1) return `${unigramColumns} : ${quote(term.chars[0]!)}`;

    const bigrams: string[] = [];
    for (let i = 0; i + 1 < term.chars.length; i++) bigrams.push(term.chars[i]! + term.chars[i + 1]!);
    return `${bigramColumns} : ${quote(bigrams.join(' '))}`;
  });

  return clauses.join(' AND ');
}

// Tokens contain no quotes, but doubling them keeps the string safe should that ever change.
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
