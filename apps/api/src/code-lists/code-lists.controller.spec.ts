import { Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { POLICY, RoutePolicy } from '@pendamping/auth';
import { CODE_LISTS } from '@pendamping/cases/code-lists';
import { CODE_LISTS_CACHE_CONTROL, CODE_LISTS_ETAG, CodeListsController, matchesEtag } from './code-lists.controller';

describe('CodeListsController', () => {
  it('is for any signed-in user, not the public', () => {
    const policy = new Reflector().getAllAndOverride<RoutePolicy>(POLICY, [
      CodeListsController.prototype.list,
      CodeListsController,
    ]);
    expect(policy).toEqual({ kind: 'authenticated', duringMfaEnrollment: false });
  });

  describe('over HTTP (without the guard, which the e2e route-policy suite covers)', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ controllers: [CodeListsController] }).compile();
      app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
      app.setGlobalPrefix('api/v1');
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    });

    afterAll(async () => {
      await app?.close();
    });

    it('serves every list with its labels, privately cacheable for an hour', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/code-lists' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe(CODE_LISTS_CACHE_CONTROL);
      expect(CODE_LISTS_CACHE_CONTROL).toBe('private, max-age=3600');
      expect(response.headers.etag).toBe(CODE_LISTS_ETAG);
      const body = response.json();
      expect(body).toEqual(JSON.parse(JSON.stringify(CODE_LISTS)));
      expect(body.violenceTypes[0]).toEqual({
        code: 'fisik',
        label: { id: 'Kekerasan fisik', en: 'Physical violence' },
      });
    });

    it('answers 304 without a body to a client holding the current lists', async () => {
      for (const ifNoneMatch of [CODE_LISTS_ETAG, `W/${CODE_LISTS_ETAG}`, `"other", ${CODE_LISTS_ETAG}`, '*']) {
        const response = await app.inject({
          method: 'GET',
          url: '/api/v1/code-lists',
          headers: { 'if-none-match': ifNoneMatch },
        });
        expect(response.statusCode).toBe(304);
        expect(response.body).toBe('');
        expect(response.headers.etag).toBe(CODE_LISTS_ETAG);
        expect(response.headers['cache-control']).toBe(CODE_LISTS_CACHE_CONTROL);
      }
    });

    it('sends the lists again to a client holding an older version', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/code-lists',
        headers: { 'if-none-match': '"stale"' },
      });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json())).toEqual(Object.keys(CODE_LISTS));
    });
  });
});

describe('matchesEtag', () => {
  it('compares weakly, in a list, and takes * as any', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag(' "b" ,"a"', '"a"')).toBe(true);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag('a', '"a"')).toBe(false);
    expect(matchesEtag('', '"a"')).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
  });
});
