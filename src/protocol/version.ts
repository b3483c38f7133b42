/**
 * Bumped whenever a wire shape changes incompatibly. Tablets send it in the
 * `x-tenpo-protocol` header; the server refuses versions it cannot speak
 * (426 `protocol-mismatch`) so an old tablet is told to update instead of
 * silently writing documents the server misreads.
 */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-tenpo-protocol';
