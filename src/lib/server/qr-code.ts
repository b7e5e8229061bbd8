import QRCode from 'qrcode';

/** An address as a QR code in SVG, black on white, for paper; a phone's camera opens it. */
export const qrCodeSvg = (address: string) => QRCode.toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
