/** Reads a DOCX back (tests, checks): paragraphs' text in document order and the raw document.xml. */
import JSZip from 'jszip';

/** The raw word/document.xml of a DOCX. */
export async function readDocumentXml(docx: Buffer | Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('Tệp DOCX không có word/document.xml');
  return file.async('string');
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Text of every paragraph in order (table cells included, row by row); line breaks inside a
 * paragraph become "\n" and tabs "\t". Empty paragraphs are dropped.
 */
export function paragraphsFromXml(xml: string): string[] {
  const paragraphs: string[] = [];
  for (const match of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    let text = '';
    for (const token of match[0].matchAll(
      /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:cr\/>|<w:tab\/>|<w:fldSimple[^>]*\/?>/g,
    )) {
      if (token[0].startsWith('<w:br') || token[0].startsWith('<w:cr')) text += '\n';
      else if (token[0].startsWith('<w:tab')) text += '\t';
      else if (token[1] !== undefined) text += decode(token[1]);
    }
    if (text.trim()) paragraphs.push(text.replace(/^\n+/, ''));
  }
  return paragraphs;
}

/** Paragraph texts of a DOCX, in order. */
export async function docxParagraphs(docx: Buffer | Uint8Array): Promise<string[]> {
  return paragraphsFromXml(await readDocumentXml(docx));
}
