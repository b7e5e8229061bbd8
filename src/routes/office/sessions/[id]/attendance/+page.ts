// The one page that runs a script: marks made while the 公民館 has no connection are kept on
// the phone and sent when it returns. Without the script it works by plain form posts.
export const csr = true;
