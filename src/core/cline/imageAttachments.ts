/**
 * Images for `startNewTask(text, images)`: Cline takes data URLs. We accept the types Cline's own picker
 * does (PNG, JPEG, WebP, GIF), check them by their bytes as well as their name, and refuse anything too
 * large. Pure: bytes in, data URL or a reason out.
 */

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'] as const;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The MIME type the bytes really are (one of the four), or undefined. */
export function sniffImageMime(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif'; // GIF8
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  return undefined;
}

export function extensionOf(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function formatMB(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** Checked before reading: the name and the size. A reason when the file is refused. */
export function refuseBeforeReading(name: string, size: number, maxBytes: number): string | undefined {
  const base = name.replace(/^.*[\\/]/, '');
  if (!(extensionOf(name) in MIME_BY_EXTENSION)) return `${base} is not a PNG, JPEG, WebP or GIF image`;
  if (size > maxBytes) return `${base} is ${formatMB(size)}, over the ${formatMB(maxBytes)} limit`;
  return undefined;
}

export type ImageCheck = { ok: true; dataUrl: string; mime: string } | { ok: false; reason: string };

/** The data URL for one image, its MIME type taken from its bytes (a JPEG named .png is sent as JPEG). */
export function imageDataUrl(name: string, bytes: Uint8Array, maxBytes: number): ImageCheck {
  const refused = refuseBeforeReading(name, bytes.length, maxBytes);
  if (refused) return { ok: false, reason: refused };
  const mime = sniffImageMime(bytes);
  if (!mime) return { ok: false, reason: `${name.replace(/^.*[\\/]/, '')} does not contain a PNG, JPEG, WebP or GIF image` };
  return {
    ok: true,
    mime,
    dataUrl: `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`,
  };
}
