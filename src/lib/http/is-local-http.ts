/** Plain-http localhost development, the one place a cookie may go without `Secure`. */
export const isLocalHttp = (url: URL) => url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
