// Types of pdf.mjs for the browser tests, which are TypeScript.
export function makePdf(text: string): Buffer;
