// The public quick-order page (F21).
export {};
