import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** Modules of white border around the code, as the QR specification asks. */
const QUIET_ZONE = 4;

/** The dark modules of a QR code (error correction M) as one SVG path, and the side in modules. */
export function qrPath(text: string): { side: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (qr.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
  return { side: count + 2 * QUIET_ZONE, d };
}

/**
 * A QR code drawn as inline SVG (sharp at any size, printable). No antd: also used by the light
 * public pages (web/src/public/).
 */
export function QrCode({ text, size, label }: { text: string; size: number | string; label: string }) {
  const { side, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      viewBox={`0 0 ${side} ${side}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      style={{ display: 'block' }}
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
