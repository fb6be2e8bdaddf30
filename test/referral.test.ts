/**
 * 问题线索移送 (issue 12): one-way referral to the discipline commission. The referrer sees its own
 * referral with the status and feedback the commission returns, never the commission's handling notes;
 * the commission sees its queue; every other role sees nothing, in every query shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, Role } from '../src/shared/enums.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const FIELDS =
  'id version documentNumber referredOn referrer { code } findingIds facts status feedback statusUpdatedAt';
const CREATE = `mutation($input: ClueReferralCreateInput!) { clueReferralCreate(input: $input) {
  referral { ${FIELDS} } userErrors { code message } } }`;
const RETURN = `mutation($input: ClueReferralStatusInput!) { clueReferralReturnStatus(input: $input) {
  referral { ${FIELDS} handlingNotes } userErrors { code message } } }`;

const FACTS = '经审计发现，该局负责人涉嫌利用职务便利在工程发包中为特定关系人谋取利益。';
const NOTES = `核查组已约谈当事人张某某，调取银行流水${Date.now()}`;

describe('clue referral', () => {
  it('is one-way: the referrer sees status and feedback only; other roles see nothing in any shape', async () => {
    const audit = await hub.token(Role.AUDIT, w.audit.code);
    const discipline = await hub.token(Role.DISCIPLINE, w.discipline.code);
    const finding = await f.finding(w.audit, w.unitA, S.AUDIT);
    const doc = `鹤审移〔2025〕${Date.now() % 100000}号`;
    const created = await hub.gql(
      CREATE,
      {
        input: {
          commission: w.discipline.gid,
          findings: [finding.gid],
          facts: FACTS,
          documentNumber: doc,
          referredOn: '2025-09-27',
        },
      },
      audit,
    );
    expect(created.errors).toBeUndefined();
    const ref = created.data!.clueReferralCreate.referral;
    expect(ref).toMatchObject({
      status: 'REFERRED',
      facts: FACTS,
      documentNumber: doc,
      findingIds: [finding.gid],
    });

    // the commission: its queue, then a status with feedback and its own notes
    const queue = await hub.gql(
      `{ clueReferrals(status: REFERRED) { id facts handlingNotes } }`,
      {},
      discipline,
    );
    expect(queue.data!.clueReferrals.map((r: { id: string }) => r.id)).toContain(ref.id);
    const returned = await hub.gql(
      RETURN,
      {
        input: {
          id: ref.id,
          version: ref.version,
          status: 'CASE_OPENED',
          feedback: '已立案审查',
          handlingNotes: NOTES,
        },
      },
      discipline,
    );
    expect(returned.data!.clueReferralReturnStatus.referral).toMatchObject({
      status: 'CASE_OPENED',
      feedback: '已立案审查',
      handlingNotes: NOTES,
    });

    // the referrer: the status and feedback, and a refusal for the commission's notes
    const mine = await hub.gql(`{ clueReferrals { id status feedback facts } }`, {}, audit);
    expect(mine.data!.clueReferrals).toContainEqual({
      id: ref.id,
      status: 'CASE_OPENED',
      feedback: '已立案审查',
      facts: FACTS,
    });
    const notes = await hub.gql(
      `query($id: ID!) { clueReferral(id: $id) { status handlingNotes } }`,
      { id: ref.id },
      audit,
    );
    expect(notes.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(notes)).not.toContain(NOTES);
    // the referrer cannot set a status
    const selfSet = await hub.gql(
      RETURN,
      { input: { id: ref.id, version: ref.version + 1, status: 'CONCLUDED' } },
      audit,
    );
    expect(selfSet.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // every role and query shape: nobody but the two parties learns anything
    const others: [Role, Org | null][] = [
      [Role.PUBLIC, null],
      [Role.FINANCE, w.finance],
      [Role.REFORM, w.reform],
      [Role.UNIT, w.unitA],
      [Role.EVALUATOR, w.evaluator],
      [Role.LEADERSHIP, w.leadership],
      [Role.HUB_ADMIN, null],
    ];
    const shapes: [string, Record<string, unknown>][] = [
      [`{ clueReferrals { ${FIELDS} handlingNotes } }`, {}],
      [`{ clueReferrals(first: 100, status: CASE_OPENED) { id } }`, {}],
      [`query($id: ID!) { clueReferral(id: $id) { ${FIELDS} handlingNotes } }`, { id: ref.id }],
      [`query($id: ID!) { clueReferral(id: $id) { id status } }`, { id: ref.id }],
      [`query($id: ID!) { node(id: $id) { id } }`, { id: ref.id }],
      [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [ref.id] }],
    ];
    for (const [role, org] of others) {
      const token = role === Role.PUBLIC ? null : await hub.token(role, org?.code ?? null);
      for (const [q, vars] of shapes) {
        const res = await hub.gql(q, vars, token);
        const body = JSON.stringify(res);
        for (const secret of [FACTS, NOTES, doc, '已立案审查', 'CASE_OPENED']) {
          expect(body, `${role} ${q}`).not.toContain(secret);
        }
        // refused as FORBIDDEN/UNAUTHENTICATED or answered empty — never a malformed query that proves nothing
        expect(
          (res.errors ?? [])
            .map((e) => e.extensions?.code)
            .every((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED'),
          `${role} ${q}: ${JSON.stringify(res.errors)}`,
        ).toBe(true);
        const d = res.data as Record<string, unknown> | null | undefined;
        // an empty list, null, or a refusal — never a row
        for (const v of Object.values(d ?? {})) {
          expect(Array.isArray(v) ? v.filter(Boolean) : v, `${role} ${q}`).toEqual(
            Array.isArray(v) ? [] : null,
          );
        }
      }
      const feedback = await hub.gql(
        RETURN,
        {
          input: {
            id: ref.id,
            version: returned.data!.clueReferralReturnStatus.referral.version,
            status: 'CONCLUDED',
          },
        },
        token,
      );
      expect(JSON.stringify(feedback)).not.toContain(NOTES);
    }
    // and the status stayed the commission's
    const after = await hub.gql(
      `query($id: ID!) { clueReferral(id: $id) { status } }`,
      { id: ref.id },
      discipline,
    );
    expect(after.data!.clueReferral.status).toBe('CASE_OPENED');
  });

  it('refers only the agency’s own findings, and is refused to the commission itself and to units', async () => {
    const audit = await hub.token(Role.AUDIT, w.audit.code);
    const foreign = await f.finding(w.finance, w.unitA, S.PERFORMANCE);
    const res = await hub.gql(
      CREATE,
      {
        input: {
          commission: w.discipline.gid,
          findings: [foreign.gid],
          facts: FACTS,
          documentNumber: `鹤审移-${Date.now()}`,
          referredOn: '2025-09-27',
        },
      },
      audit,
    );
    expect(res.data!.clueReferralCreate.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'NOT_FOUND',
    ]);
    for (const role of [Role.DISCIPLINE, Role.UNIT]) {
      const t = await hub.token(role, role === Role.UNIT ? w.unitA.code : w.discipline.code);
      const denied = await hub.gql(
        CREATE,
        {
          input: {
            commission: w.discipline.gid,
            findings: [foreign.gid],
            facts: FACTS,
            documentNumber: 'x',
            referredOn: '2025-09-27',
          },
        },
        t,
      );
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
