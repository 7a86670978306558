// Whether a piece of Markdown could hold GitHub-flavoured syntax at all. remark-gfm costs about as
// much again as the CommonMark parse (its autolink search alone visits every text node), and
// most of an answer's paragraphs hold nothing it would change.

/**
 * Everything GFM adds starts with one of these: tables (|), strikethrough (~), task items and
 * footnotes ([), and autolinked addresses (www., ://, and @ for e-mail, mailto: and xmpp:).
 */
const gfmSyntax = /[|~[@]|:\/\/|www\./i;

export const mayHoldGfm = (text: string): boolean => gfmSyntax.test(text);
