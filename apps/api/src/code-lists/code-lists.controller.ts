import { createHash } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotModifiedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { SignedIn } from '@pendamping/auth';
import { CODE_LISTS, CodeLists } from '@pendamping/cases/code-lists';
import type { FastifyReply } from 'fastify';
import { CodeListsView } from './code-lists.responses';

/** Labels change only with a release: a client keeps them an hour, then revalidates with the ETag. Never in a shared cache. */
export const CODE_LISTS_CACHE_CONTROL = 'private, max-age=3600';

/** A strong validator of the lists as served: the same for every user, new with any change to the data. */
export const CODE_LISTS_ETAG = `"${createHash('sha256').update(JSON.stringify(CODE_LISTS)).digest('base64url').slice(0, 32)}"`;

/** RFC 9110 §13.1.2: weak comparison, a list of tags or `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * The code lists with their Indonesian and English labels (SPEC §9). The labels are not
 * sensitive, but the API serves signed-in clients only, and deny by default keeps the public
 * surface to sign-in and health: any signed-in user, whatever their role, may read them.
 */
@ApiTags('code-lists')
@ApiBearerAuth()
@Controller('code-lists')
export class CodeListsController {
  @Get()
  @SignedIn()
  @ApiOkResponse({
    type: CodeListsView,
    description:
      'Every code list, keyed by the JSON name of the field it codes; each entry is {code, label: {id, en}}.',
  })
  @ApiOperation({ summary: 'The code lists with their labels in Indonesian and English' })
  @ApiNotModifiedResponse({ description: 'The lists have not changed since the ETag given in If-None-Match.' })
  list(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): CodeLists | undefined {
    reply.header('cache-control', CODE_LISTS_CACHE_CONTROL).header('etag', CODE_LISTS_ETAG);
    if (matchesEtag(ifNoneMatch, CODE_LISTS_ETAG)) {
      reply.status(304);
      return undefined;
    }
    return CODE_LISTS;
  }
}
