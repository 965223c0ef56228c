// The request context that capabilities limited per IP address take (app/auth/limits.ts): a new
// address from the documentation range (RFC 5737) on every call, so that tests about something
// else never meet an abuse limit. Tests of the limits pass one address on purpose.
let next = 0;

export function freshRequest(): { ip: string } {
  next += 1;
  return { ip: `198.51.${Math.floor(next / 250) % 250}.${(next % 250) + 1}` };
}
