import type { TextFormat } from 'gift-pegjs';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Question text as frontline shows it: plain text. Moodle text may carry HTML
 * (in `[html]` and often in the default `[moodle]` format); tags are removed,
 * paragraph and line breaks kept, entities decoded.
 * Returns whether markup was removed, and the images and link targets it
 * took with it, so the import report can say so (a stem that says "shown
 * below" has lost its picture).
 */
export function plainText(text: TextFormat): { text: string; hadMarkup: boolean; dropped: string[] } {
  const raw = text.text;
  const hadMarkup = /<\/?[a-zA-Z][^>]*>/.test(raw);
  const dropped = hadMarkup ? droppedByStripping(raw) : [];
  let out = raw;
  if (hadMarkup) {
    out = out
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
      .replace(/<li[^>]*>/gi, '- ')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  }
  out = out.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
  out = out
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: out, hadMarkup, dropped };
}

/** `image <src>` and `link <href>` for each <img> and <a> in the markup. */
function droppedByStripping(html: string): string[] {
  const found: string[] = [];
  for (const [, tag, attrs] of html.matchAll(/<(img|a)\b([^>]*)>/gi)) {
    const name = tag!.toLowerCase() === 'img' ? 'src' : 'href';
    const value = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs ?? '');
    const url = value?.[1] ?? value?.[2] ?? value?.[3];
    found.push(tag!.toLowerCase() === 'img' ? `image ${url ?? '(no src)'}` : `link ${url ?? '(no href)'}`);
  }
  return found;
}
