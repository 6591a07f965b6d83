// The citizen id lives in the query string, which only exists in the browser.
export const ssr = false;
