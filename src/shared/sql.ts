/** Small SQL helpers shared by repositories. */

/** Escapes LIKE wildcards so user text is matched literally, as a "contains" pattern. */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
