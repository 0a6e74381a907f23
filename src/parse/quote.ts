// WeCom quote blocks. A reply that quotes a message arrives as
//   「石晓红：5号楼三单元楼道灯换好了」
//   - - - - - - -
//   石姐 昨晚上又不亮了
// The AI bot delivers the quoted text separately; the pipeline composes the same block (or passes msg.quote).

export interface SplitQuote {
  /** What the sender wrote. */
  own: string;
  quoted: { author: string | null; text: string } | null;
}

const BLOCK = /^\s*[「“"『]([\s\S]*?)[」”"』]\s*(?:\r?\n)\s*(?:[-—–_=─]\s*){3,}\s*(?:\r?\n|$)([\s\S]*)$/u;
const BLOCK_NO_SEP = /^\s*「([\s\S]*?)」\s*(?:\r?\n)+([\s\S]*)$/u;
const AUTHOR = /^\s*([^：:\n「」]{1,24}?)\s*[：:]\s*([\s\S]*)$/u;

export function splitAuthor(inner: string): { author: string | null; text: string } {
  const a = AUTHOR.exec(inner);
  if (a && !/[，。！？,!?\s]/.test(a[1])) return { author: a[1].trim(), text: a[2].trim() };
  return { author: null, text: inner.trim() };
}

export function splitQuote(raw: string): SplitQuote {
  const m = BLOCK.exec(raw) ?? BLOCK_NO_SEP.exec(raw);
  if (!m) return { own: raw.trim(), quoted: null };
  return { own: m[2].trim(), quoted: splitAuthor(m[1]) };
}

/** Compose the block the way WeCom shows it (used by the pipeline for the AI bot's separate quote). */
export function composeQuote(quoted: { author?: string | null; text: string }, reply: string): string {
  const head = quoted.author ? `${quoted.author}：${quoted.text}` : quoted.text;
  return `「${head}」\n- - - - - - -\n${reply}`;
}
