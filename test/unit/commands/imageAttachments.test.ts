import assert from 'node:assert/strict';
import { extensionOf, imageDataUrl, refuseBeforeReading, sniffImageMime } from '../../../src/core/cline/imageAttachments';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const MB = 1024 * 1024;

describe('image attachments', () => {
  it('sniffs the four types from their bytes', () => {
    assert.equal(sniffImageMime(PNG), 'image/png');
    assert.equal(sniffImageMime(JPEG), 'image/jpeg');
    assert.equal(sniffImageMime(GIF), 'image/gif');
    assert.equal(sniffImageMime(WEBP), 'image/webp');
    assert.equal(sniffImageMime(Buffer.from('RIFF\0\0\0\0WAVE')), undefined);
    assert.equal(sniffImageMime(Buffer.from('<svg/>')), undefined);
    assert.equal(sniffImageMime(new Uint8Array()), undefined);
  });

  it('builds data URLs with the MIME type of the bytes, not the name', () => {
    assert.deepEqual(imageDataUrl('/a/dot.png', PNG, 5 * MB), {
      ok: true,
      mime: 'image/png',
      dataUrl: `data:image/png;base64,${PNG.toString('base64')}`,
    });
    const misnamed = imageDataUrl('photo.PNG', JPEG, 5 * MB);
    assert.equal(misnamed.ok && misnamed.mime, 'image/jpeg');
    assert.ok(misnamed.ok && misnamed.dataUrl.startsWith('data:image/jpeg;base64,/9j/'));
    // A Uint8Array view into a larger buffer encodes only its own bytes.
    const padded = Buffer.concat([Buffer.from('xx'), PNG]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 2, PNG.length);
    const fromView = imageDataUrl('v.png', view, 5 * MB);
    assert.equal(fromView.ok && fromView.dataUrl, `data:image/png;base64,${PNG.toString('base64')}`);
  });

  it('refuses other types, content that is not an image, and files over the limit', () => {
    assert.equal(refuseBeforeReading('C:\\pics\\scan.bmp', 10, MB), 'scan.bmp is not a PNG, JPEG, WebP or GIF image');
    assert.equal(refuseBeforeReading('noext', 10, MB), 'noext is not a PNG, JPEG, WebP or GIF image');
    assert.equal(refuseBeforeReading('big.webp', 6 * MB, 5 * MB), 'big.webp is 6.0 MB, over the 5.0 MB limit');
    assert.equal(refuseBeforeReading('ok.jpeg', 5 * MB, 5 * MB), undefined, 'the limit itself is allowed');
    assert.deepEqual(imageDataUrl('fake.gif', Buffer.from('hello'), MB), {
      ok: false,
      reason: 'fake.gif does not contain a PNG, JPEG, WebP or GIF image',
    });
    assert.equal(imageDataUrl('big.png', Buffer.concat([PNG, Buffer.alloc(2 * MB)]), MB).ok, false);
  });

  it('extensionOf', () => {
    assert.equal(extensionOf('/x/y/Photo.JPG'), 'jpg');
    assert.equal(extensionOf('.png'), '');
    assert.equal(extensionOf('a.tar.gz'), 'gz');
  });
});
