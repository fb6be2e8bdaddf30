// Runs inside autocannon's worker thread for every response of bench/compare.ts: a body is a "mismatch"
// unless it carries data and every GraphQL error in it is FORBIDDEN (the hub's field-level denials; the
// peers never answer with any error). JSON escapes quotes inside strings, so `"message":` only matches
// the key of an error object.
'use strict';
module.exports = (body) => {
  if (!body.includes('"data":')) return false;
  if (!body.includes('"errors"')) return true;
  const messages = body.split('"message":').length - 1;
  const forbidden = body.split('"code":"FORBIDDEN"').length - 1;
  return messages === forbidden;
};
