/**
 * What the log says about a call's arguments: "1,234 chars, 2 images (310 KB)". Sizes only; the text
 * itself goes to the log at trace level. Pure.
 */
export function describeSizes(text: string | undefined, images: readonly string[] | undefined): string {
  const parts: string[] = [];
  if (text !== undefined) parts.push(`${text.length.toLocaleString('en-US')} chars`);
  if (images && images.length > 0) {
    const kb = Math.ceil(images.reduce((sum, i) => sum + i.length, 0) / 1024);
    parts.push(`${images.length} image${images.length === 1 ? '' : 's'} (${kb} KB)`);
  }
  return parts.length ? parts.join(', ') : 'no arguments';
}
