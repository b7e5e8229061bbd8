// What no answer may show a visitor: a stack trace, SQL or a database error, a file path.
export const internalDetail = /\bat [\w.<>$]+ \(|node_modules|\/build\/server|\.svelte-kit|SQLSTATE|syntax error at|violates [\w ]*constraint|relation "|duplicate key value|\/work\/|\/home\/|\/tmp\//;
