// evidence_files.mjs: real files for the evidence tests, made by the test itself: a PDF from
// LibreOffice (null when soffice is absent), a PNG written with zlib, a DOCX from the report
// writer, and the refused ones (the server's own ELF binary renamed .pdf, an HTML page renamed
// .jpg). Not a test: imported by test_evidence*.mjs.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

// CRC-32 of a PNG chunk (zlib.crc32 only exists in newer Node releases).
function crc32(buf) {
    let c, crc = 0xffffffff;
    for (const b of buf) {
        c = (crc ^ b) & 0xff;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crc = (crc >>> 8) ^ c;
    }
    return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
}

// A w×h RGB PNG: a red band on white, distinct per seed.
export function makePng(w = 64, h = 48, seed = 0) {
    const raw = Buffer.alloc((w * 3 + 1) * h);
    for (let y = 0; y < h; y++) {
        raw[y * (w * 3 + 1)] = 0;
        for (let x = 0; x < w; x++) {
            const o = y * (w * 3 + 1) + 1 + x * 3;
            const band = y > h / 3 && y < (2 * h) / 3;
            raw[o] = 255;
            raw[o + 1] = band ? (seed * 37) & 255 : 255;
            raw[o + 2] = band ? 0 : 255;
        }
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// A PDF converted by LibreOffice from a short Chinese text; null when soffice is not installed.
export function makePdf(dir, text = '整改佐证材料：专项排查报告。') {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    if (!soffice)
        return null;
    const home = join(dir, 'lo-home');
    mkdirSync(home, { recursive: true });
    const src = join(dir, 'pdf-source.txt');
    writeFileSync(src, text + '\n');
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${home}`,
        '--convert-to', 'pdf', '--outdir', dir, src],
        { stdio: 'ignore', env: { ...process.env, HOME: home }, timeout: 120000 });
    const out = join(dir, 'pdf-source.pdf');
    return existsSync(out) ? readFileSync(out) : null;
}

// The inspection's 通报 as DOCX from `zhenggai report`.
export function makeDocx(bin, db, dir) {
    const out = join(dir, 'tongbao.docx');
    execFileSync(bin, ['--db', db, 'report', '--inspection', '1', '--kind', 'tongbao', '--format', 'docx',
        '-o', out], { stdio: 'ignore' });
    return readFileSync(out);
}

// The first 64 KB of the server's own executable: an ELF file to be refused whatever its name.
export function makeElf(bin) {
    return readFileSync(bin).subarray(0, 65536);
}

export const HTML_PAGE = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
