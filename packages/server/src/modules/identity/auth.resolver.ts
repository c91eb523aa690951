import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums.js';
import { badInput, unauthenticated } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { DateTime } from '../../graphql/scalars.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password.js';
import { UserAccount } from './user-account.entity.js';
import type { Viewer } from './viewer.js';

@ObjectType('Viewer', { description: 'The logged-in user or machine client, with role and scope.' })
export class ViewerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Institution, { nullable: true })
  institution!: Institution | null;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => Practitioner, {
    nullable: true,
    description:
      'The practitioner this person is (specialists, referring doctors): their duty shift, their claims.',
  })
  practitioner!: Practitioner | null;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, {
    description: 'Send as `Authorization: Bearer <token>`, and in graphql-ws connection_init.',
  })
  token!: string;

  @Field(() => DateTime)
  expiresAt!: Date;

  @Field(() => ViewerType)
  viewer!: ViewerType;
}

const MAX_CREDENTIAL_LENGTH = 200;

async function viewerType(ctx: GraphQLContext, user: UserAccount): Promise<ViewerType> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    institution: user.institution ? await ctx.loaders.institution.load(user.institution.id) : null,
    department: user.department ? await ctx.loaders.department.load(user.department.id) : null,
    practitioner: user.practitioner ? await ctx.loaders.practitioner.load(user.practitioner.id) : null,
  };
}

export function viewerFromAccount(user: UserAccount): Viewer {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    allianceId: user.alliance.id,
    institutionId: user.institution?.id ?? null,
    departmentId: user.department?.id ?? null,
    practitionerId: user.practitioner?.id ?? null,
  };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Logs in with username and password; answers a signed token.' })
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayload> {
    if (username.length === 0 || username.length > MAX_CREDENTIAL_LENGTH) {
      throw badInput('username', `username must be 1 to ${MAX_CREDENTIAL_LENGTH} characters`);
    }
    if (password.length > MAX_CREDENTIAL_LENGTH) {
      throw badInput('password', `password must be at most ${MAX_CREDENTIAL_LENGTH} characters`);
    }
    await ctx.services.rateLimits.beforeLogin(username, ctx.ip);
    const user = await ctx.em.findOne(UserAccount, { username: username.trim().toLowerCase() });
    // Verify against a dummy hash for unknown users so timing does not tell which usernames exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_PASSWORD_HASH));
    if (!user || !valid || user.disabled) {
      await ctx.services.rateLimits.loginFailed(username, ctx.ip);
      // Only what looks like an account name is logged: a client that sends a patient's resident ID
      // (or a password) in the wrong field must not write it to the log.
      const named = /^[\w.@-]{1,50}$/.test(username) && !/\d{6}/.test(username);
      ctx.services.logger.info(
        { username: named ? username : '(not an account name)', ip: ctx.ip },
        'login refused',
      );
      throw unauthenticated('wrong username or password');
    }
    await ctx.services.rateLimits.loginSucceeded(username);
    const { token, expiresAt } = await ctx.services.tokens.issue(
      viewerFromAccount(user),
      ctx.services.clock(),
    );
    ctx.services.logger.info({ userId: user.id, role: user.role, ip: ctx.ip }, 'login');
    return { token, expiresAt, viewer: await viewerType(ctx, user) };
  }

  @Query(() => ViewerType, { description: 'Who the token belongs to.' })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<ViewerType> {
    const viewer = viewerOf(ctx);
    const user = await ctx.em.findOne(UserAccount, { id: viewer.userId });
    if (!user || user.disabled) throw unauthenticated('this account no longer exists or is disabled');
    return viewerType(ctx, user);
  }
}
