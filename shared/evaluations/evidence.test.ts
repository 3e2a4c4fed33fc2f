import { describe, expect, it } from 'vitest';
import { cleanFileName, detectFamily, detectOfficePackage, formatFileSize } from './evidence.ts';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('evidence file types by magic bytes', () => {
  it('recognises PDF, PNG, JPEG and ZIP packages by their first bytes', () => {
    expect(detectFamily(text('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectFamily(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(detectFamily(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe('image/jpeg');
    expect(detectFamily(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBe('zip');
  });

  it('refuses everything else, whatever the name would say', () => {
    expect(detectFamily(text('MZ\x90\x00'))).toBeNull(); // Windows program
    expect(detectFamily(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBeNull(); // old .doc/.xls
    expect(detectFamily(text('<html>'))).toBeNull();
    expect(detectFamily(text('%PD'))).toBeNull(); // too short to be a PDF
    expect(detectFamily(new Uint8Array())).toBeNull();
  });

  it('tells DOCX from XLSX by the package part names, and refuses other ZIPs', () => {
    const types = text('[Content_Types].xml');
    expect(detectOfficePackage(types, text('..word/document.xml..'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectOfficePackage(text('xl/workbook.xml [Content_Types].xml'))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(detectOfficePackage(text('word/document.xml'))).toBeNull(); // not an OOXML package
    expect(detectOfficePackage(types, text('ppt/presentation.xml'))).toBeNull(); // PowerPoint
  });
});

describe('cleanFileName', () => {
  it('keeps Vietnamese names (NFC), drops folders and control characters', () => {
    expect(cleanFileName('Báo cáo.pdf'.normalize('NFD'), PDF)).toBe('Báo cáo.pdf');
    expect(cleanFileName('C:\\Users\\xa\\Kế hoạch.docx', DOCX)).toBe('Kế hoạch.docx');
    expect(cleanFileName('a\u0000b\r\n\u0085.pdf', PDF)).toBe('ab.pdf');
    expect(cleanFileName('..', PDF)).toBe('tai-lieu.pdf');
    expect(cleanFileName('.pdf', PDF)).toBe('tai-lieu.pdf');
    expect(cleanFileName('..', PDF)).toBe('tai-lieu.pdf');
    expect(cleanFileName('.pdf', PDF)).toBe('tai-lieu.pdf');
  });

  it('drops bidirectional controls, so a name cannot show another extension than it has', () => {
    expect(cleanFileName('hoso\u202efdp.exe', PDF)).toBe('hosofdp.pdf');
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f';
    expect(cleanFileName(`Kế${controls} hoạch.pdf`, PDF)).toBe('Kế hoạch.pdf');
  });

  it('gives the extension of the type the bytes show, keeping a matching one as typed', () => {
    expect(cleanFileName('baocao.html', PDF)).toBe('baocao.pdf');
    expect(cleanFileName('anh-chup.pdf', 'image/png')).toBe('anh-chup.png');
    expect(cleanFileName('ảnh hội nghị.JPEG', 'image/jpeg')).toBe('ảnh hội nghị.JPEG');
    expect(cleanFileName('ảnh.jpg', 'image/jpeg')).toBe('ảnh.jpg');
    expect(cleanFileName('Báo cáo', PDF)).toBe('Báo cáo.pdf');
    expect(cleanFileName('Quyết định số 12.2024', PDF)).toBe('Quyết định số 12.2024.pdf');
    expect(cleanFileName('bang.xlsx.exe. ', XLSX)).toBe('bang.xlsx');
    expect(cleanFileName('Kế hoạch.docx', XLSX)).toBe('Kế hoạch.xlsx');
  });

  it('shortens long names to 255 characters keeping the extension', () => {
    const name = cleanFileName(`${'Tài liệu '.repeat(40)}.xlsx`, XLSX);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('formatFileSize', () => {
  it('uses KB and MB with a Vietnamese decimal comma', () => {
    expect(formatFileSize(850)).toBe('850 byte');
    expect(formatFileSize(12_700)).toBe('12,4 KB');
    expect(formatFileSize(2048)).toBe('2 KB');
    expect(formatFileSize(3_355_443)).toBe('3,2 MB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
  });
});
