import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Budget, Limits } from '../config.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../modules/identity/viewer.js';

/** RATE_LIMITED, with the whole seconds to wait in `extensions.retryAfterSeconds` (and `Retry-After`). */
function rateLimited(what: string, msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('RATE_LIMITED', `${what}; retry after ${retryAfterSeconds} s`, undefined, {
    retryAfterSeconds,
  });
}

/** Who a caller is counted as: its credential (user or API key), or its address without one. */
function callerKey(viewer: Viewer | null, ip: string | null): string {
  // Each partner API key has its own budget, though the keys of one member act as one service account.
  if (viewer?.apiKey) return `key:${viewer.apiKey.id}`;
  return viewer ? `user:${viewer.userId}` : `address:${ip ?? 'unknown'}`;
}

const counter = (budget: Budget) =>
  new RateLimiterMemory({ points: budget.points, duration: budget.windowSeconds });

/**
 * The rate limits of one server process (rate-limiter-flexible's in-memory fixed windows): each replica
 * counts its own traffic, so N replicas behind a balancer allow up to N times a budget in all. That is
 * enough to stop one runaway client from starving the others; docs/limits.md says how to size them.
 */
export class RateLimits {
  private readonly operationsPerCredential: RateLimiterMemory;
  private readonly operationsPerAddress: RateLimiterMemory;
  private readonly sockets: RateLimiterMemory;
  private readonly failuresPerAccount: LoginFailures;
  private readonly failuresPerAddress: LoginFailures;

  constructor(limits: Limits) {
    this.operationsPerCredential = counter(limits.operationsPerCredential);
    this.operationsPerAddress = counter(limits.operationsPerAddress);
    this.sockets = counter(limits.socketsPerCredential);
    this.failuresPerAccount = new LoginFailures('account', limits.loginFailuresPerAccount);
    this.failuresPerAddress = new LoginFailures('address', limits.loginFailuresPerAddress);
  }

  /** Counts one GraphQL operation (an HTTP request or a graphql-ws subscribe); RATE_LIMITED past the budget. */
  async operation(viewer: Viewer | null, ip: string | null): Promise<void> {
    const limiter = viewer ? this.operationsPerCredential : this.operationsPerAddress;
    await spend(limiter, callerKey(viewer, ip), 'too many requests');
  }

  /** Counts one graphql-ws connection; RATE_LIMITED past the budget. */
  async socket(viewer: Viewer | null, ip: string | null): Promise<void> {
    await spend(this.sockets, callerKey(viewer, ip), 'too many connections');
  }

  /**
   * Before a password is checked: RATE_LIMITED while the account or the address has used up its failed
   * logins (whether or not this password is right, so a guesser learns nothing more).
   */
  async beforeLogin(username: string, ip: string | null): Promise<void> {
    await this.failuresPerAccount.check(username, ip);
    await this.failuresPerAddress.check(username, ip);
  }

  async loginFailed(username: string, ip: string | null): Promise<void> {
    await this.failuresPerAccount.add(username, ip);
    await this.failuresPerAddress.add(username, ip);
  }

  /** A good password clears the account's failures (not the address's: they may be someone else's). */
  async loginSucceeded(username: string): Promise<void> {
    await this.failuresPerAccount.clear(username, null);
  }
}

/** Failed logins of one kind of key; the failure that uses up the budget locks it for a whole window. */
class LoginFailures {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly per: 'account' | 'address',
    private readonly budget: Budget,
  ) {
    this.limiter = counter(budget);
  }

  private key(username: string, ip: string | null): string {
    return this.per === 'account' ? username.trim().toLowerCase() : (ip ?? 'unknown');
  }

  async check(username: string, ip: string | null): Promise<void> {
    const state = await this.limiter.get(this.key(username, ip));
    if (state && state.consumedPoints >= this.budget.points) {
      throw rateLimited(`too many failed logins for this ${this.per}`, state.msBeforeNext);
    }
  }

  async add(username: string, ip: string | null): Promise<void> {
    const key = this.key(username, ip);
    const state = await this.limiter.penalty(key);
    if (state.consumedPoints >= this.budget.points) await this.limiter.block(key, this.budget.windowSeconds);
  }

  async clear(username: string, ip: string | null): Promise<void> {
    await this.limiter.delete(this.key(username, ip));
  }
}

async function spend(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw rateLimited(what, refusal.msBeforeNext);
    throw refusal;
  }
}
