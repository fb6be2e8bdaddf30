// Runs inside autocannon's worker thread for every response: a body is a "mismatch" when it carries a
// GraphQL error whose code is anything but FORBIDDEN (field-level denials are expected under shield).
'use strict';
const OTHER_CODE = /"code":"(?!FORBIDDEN")/;
module.exports = (body) => !(body.includes('"errors"') && OTHER_CODE.test(body));
