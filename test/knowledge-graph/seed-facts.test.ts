/**
 * What the curated seed puts in the graph, fact by fact: for each document and for the reference
 * sources, a handful of facts of different kinds, each asserted with its properties and its source.
 */
import { describe, expect, it } from 'vitest';
import type { RELATIONSHIP_TYPES } from '../../src/domain/model.js';
import { testRunner } from '../helpers.js';

const cypher = testRunner();

/** The properties of the one `type` relationship from -> to that `source` asserts (or null). */
async function relationship(type: keyof typeof RELATIONSHIP_TYPES, from: string, to: string, source: string) {
  const rows = await cypher.read<{ props: Record<string, unknown> }>(
    'Test.relationship',
    `MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
     WHERE type(r) = $type AND r.source = $source
     RETURN properties(r) AS props`,
    { type, from, to, source },
  );
  expect(rows.length, `${type} ${from} -> ${to} from ${source}`).toBeLessThanOrEqual(1);
  return rows[0]?.props ?? null;
}

/** Every claim of one dated or counted property of a node, with the source attesting it. */
async function facts(nodeId: string, property: string) {
  return cypher.read<{ source: string; value: unknown; valueType: string; asOf: string | null; excerpt: string; edgeSource: string }>(
    'Test.facts',
    `MATCH (s:Source)-[a:ATTESTS {property: $property}]->(:Entity {id: $nodeId})
     RETURN s.id AS source, a.source AS edgeSource, a.value AS value, valueType(a.value) AS valueType,
            a.asOf AS asOf, a.excerpt AS excerpt
     ORDER BY source, value`,
    { nodeId, property },
  );
}

async function node(id: string) {
  const [row] = await cypher.read<{ labels: string[]; props: Record<string, unknown> }>(
    'Test.node',
    'MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, properties(n) AS props',
    { id },
  );
  return row;
}

describe('doc-000 (Indonesian): the EU against cybercrime, its sanctions and its partnerships', () => {
  it('when doc-000 names EUNITY "bersama Jepang", then Japan is a partner country of EUNITY, citing doc-000', async () => {
    expect(await relationship('PARTNER_IN', 'japan', 'eunity', 'doc-000')).toEqual({
      source: 'doc-000',
      role: 'partner country',
      excerpt: 'EUNITY bersama Jepang',
    });
    expect((await node('japan'))!.props.aliases).toContain('Jepang');
  });

  it('when doc-000 lists the partners of EU Cyber Direct, then states are partner countries and ASEAN, OAS and AU partner organisations', async () => {
    const excerpt = 'EU Cyber Direct dengan Brazil, China, India, Japan, Korea Selatan, Amerika Serikat, ASEAN, OAS, dan AU';
    for (const state of ['brazil', 'china', 'india', 'japan', 'south-korea', 'united-states']) {
      expect(await relationship('PARTNER_IN', state, 'eu-cyber-direct', 'doc-000')).toEqual({
        source: 'doc-000',
        role: 'partner country',
        excerpt,
      });
    }
    for (const organisation of ['asean', 'oas', 'au']) {
      expect(await relationship('PARTNER_IN', organisation, 'eu-cyber-direct', 'doc-000')).toEqual({
        source: 'doc-000',
        role: 'partner organisation',
        excerpt,
      });
    }
    const partners = await cypher.read<{ id: string }>(
      'Test.partners',
      `MATCH (a:Actor)-[r:PARTNER_IN {source: 'doc-000'}]->(:Programme {id: 'eu-cyber-direct'}) RETURN a.id AS id ORDER BY id`,
    );
    expect(partners.map((p) => p.id)).toEqual(['asean', 'au', 'brazil', 'china', 'india', 'japan', 'oas', 'south-korea', 'united-states']);
  });

  it('when doc-000 says the EU launched a sanctions regime in 2019, then ADOPTED carries date "2019" and the regime has an adopted fact from doc-000', async () => {
    const excerpt =
      'Pada tahun 2019, Uni Eropa meluncurkan rezim sanksi yang akan diterima para oknum yang berniat melakukan serangan siber sebagai tanggapan keseriusan UE untuk memerangi tindak kejahatan siber.';
    expect(await relationship('ADOPTED', 'eu', 'eu-cyber-sanctions-regime', 'doc-000')).toEqual({
      source: 'doc-000',
      date: '2019',
      excerpt,
    });
    expect((await facts('eu-cyber-sanctions-regime', 'adopted')).find((f) => f.source === 'doc-000')).toEqual({
      source: 'doc-000',
      edgeSource: 'doc-000',
      value: '2019',
      valueType: 'STRING NOT NULL',
      asOf: null,
      excerpt,
    });
  });

  it('when doc-000 says supporters of perpetrators are sanctioned too, then the regime TARGETS them, citing doc-000', async () => {
    expect(await relationship('TARGETS', 'eu-cyber-sanctions-regime', 'supporters-of-perpetrators', 'doc-000')).toEqual({
      source: 'doc-000',
      excerpt:
        'Sanksi yang dijatuhkan tidak hanya akan menimpa pelaku, namun bagi para pendukung pelaku juga akan terkena imbas daripada sanksi tersebut.',
    });
  });

  it('when doc-000 names the EU "Uni Eropa" and "UE", then both are aliases of eu and the EU UPHOLDS democracy, citing doc-000', async () => {
    const eu = await node('eu');
    expect(eu!.labels.sort()).toEqual(['Actor', 'Entity']);
    expect(eu!.props.aliases).toEqual(expect.arrayContaining(['EU', 'UE', 'Uni Eropa']));
    expect(await relationship('UPHOLDS', 'eu', 'democracy', 'doc-000')).toEqual({
      source: 'doc-000',
      excerpt:
        'Permasalahan ruang siber yang membuat Uni Eropa menjadi terlibat dan menaruh perhatian penuh mereka didasarkan oleh nilai-nilai kemanusiaan seperti kebebasan, kesetaraan, demokrasi, supremasi hukum dan penghormatan kepada HAM.',
    });
  });

  it('when doc-000 lists what the EU supports through multilateralism, then the EU SUPPORTS the GFCE and the ABOUT topics of EC3 are sourced', async () => {
    expect(await relationship('SUPPORTS', 'eu', 'gfce', 'doc-000')).toMatchObject({ source: 'doc-000' });
    expect((await relationship('SUPPORTS', 'eu', 'gfce', 'doc-000'))?.excerpt).toContain('Global Forum on Cyber Expertise');
    expect(await relationship('ABOUT', 'ec3', 'cybercrime', 'doc-000')).toEqual({
      source: 'doc-000',
      excerpt: 'Kerja sama untuk melawan cybercrime diseluruh UE juga diperkuat melalui The European Cybercrime Centre (EC3).',
    });
  });

  it('when doc-000 names GLACY/GLACY+ partners only as regions, then the four regions are partner regions of both, with no invented states', async () => {
    const rows = await cypher.read<{ programme: string; partner: string; kind: string; role: string }>(
      'Test.glacyPartners',
      `MATCH (a:Actor)-[r:PARTNER_IN {source: 'doc-000'}]->(p:Programme) WHERE p.id IN ['glacy', 'glacy-plus']
       RETURN p.id AS programme, a.id AS partner, a.kind AS kind, r.role AS role ORDER BY programme, partner`,
    );
    const regions = ['africa', 'asia-pacific', 'caribbean', 'latin-america'];
    expect(rows).toEqual(
      ['glacy', 'glacy-plus'].flatMap((programme) =>
        regions.map((partner) => ({ programme, partner, kind: 'region', role: 'partner region' })),
      ),
    );
  });
});

describe('doc-001 (English): priorities, focus topics and the Western Balkans', () => {
  it('when doc-001 says the EU works through the UN against attacks on hospitals or power grids, then the EU PROMOTES norm 13(f) with forum un', async () => {
    expect(await relationship('PROMOTES', 'eu', 'gge-norm-13f', 'doc-001')).toEqual({
      source: 'doc-001',
      forum: 'un',
      excerpt:
        'The EU works through the United Nations to set global standards for how countries should behave in cyberspace, such as avoiding cyberattacks on hospitals or power grids.',
    });
  });

  it('when doc-001 lists the five priorities, then the EU PRIORITISES five topics of category priority, citing doc-001', async () => {
    const rows = await cypher.read<{ id: string; kind: string }>(
      'Test.priorities',
      `MATCH (:Actor {id: 'eu'})-[r:PRIORITISES {source: 'doc-001', category: 'priority'}]->(t:Topic)
       RETURN t.id AS id, t.kind AS kind ORDER BY id`,
    );
    expect(rows).toEqual(
      [
        'priority-building-partnerships',
        'priority-preventing-cyber-conflicts',
        'priority-promoting-responsible-state-behaviour',
        'priority-protecting-digital-rights',
        'priority-responding-to-malicious-cyber-activities',
      ].map((id) => ({ id, kind: 'priority' })),
    );
  });

  it('when doc-001 says the strategies are managed by the EEAS and the Commission, then both MANAGE both strategies', async () => {
    const excerpt =
      'The full strategy is laid out in the EU Cybersecurity Strategy and the EU External Cybersecurity Strategy, which are managed by the European External Action Service (EEAS) and the European Commission.';
    for (const manager of ['eeas', 'european-commission']) {
      for (const strategy of ['eu-cybersecurity-strategy', 'eu-external-cybersecurity-strategy']) {
        expect(await relationship('MANAGES', manager, strategy, 'doc-001')).toEqual({ source: 'doc-001', excerpt });
      }
    }
  });

  it('when doc-001 names multilateral engagement with the OSCE, then the EU COOPERATES_WITH the OSCE in that context', async () => {
    expect(await relationship('COOPERATES_WITH', 'eu', 'osce', 'doc-001')).toEqual({
      source: 'doc-001',
      context: 'multilateral engagement',
      excerpt:
        'Multilateral engagement: Working with the UN, OSCE (Organisation for Security and Co-operation in Europe), NATO, and others to create shared rules.',
    });
  });

  it('when doc-001 places Serbia in the Western Balkans preparing for membership, then Serbia is PART_OF the region and SEEKS_MEMBERSHIP of the EU', async () => {
    expect(await relationship('PART_OF', 'serbia', 'western-balkans', 'doc-001')).toEqual({
      source: 'doc-001',
      excerpt:
        'The Western Balkans, including countries like Bosnia and Herzegovina, Serbia, and North Macedonia, are already important partners in the EU’s cyber efforts.',
    });
    expect(await relationship('SEEKS_MEMBERSHIP', 'serbia', 'eu', 'doc-001')).toEqual({
      source: 'doc-001',
      excerpt: 'Align their laws and strategies with EU regulations, preparing for eventual EU membership.',
    });
    expect(await relationship('MEMBER_OF', 'serbia', 'eu', 'doc-001')).toBeNull();
  });

  it('when doc-001 describes the Sarajevo sessions, then the EU LEADS them and they are ABOUT confidence-building measures', async () => {
    const excerpt =
      'Recent EU-led sessions in Sarajevo, for example, focused on confidence-building measures (CBMs), legal frameworks, and diplomatic tools that Western Balkan countries can use to strengthen cybersecurity.';
    expect(await relationship('LEADS', 'eu', 'sarajevo-sessions', 'doc-001')).toEqual({ source: 'doc-001', excerpt });
    expect(await relationship('ABOUT', 'sarajevo-sessions', 'confidence-building-measures', 'doc-001')).toEqual({
      source: 'doc-001',
      excerpt,
    });
    expect((await node('sarajevo-sessions'))!.props).toMatchObject({ kind: 'session', location: 'Sarajevo' });
  });
});

describe('doc-002 (Indonesian): resolution 74/247, the Budapest Convention and the 2015 Conclusions', () => {
  it('when doc-002 cites Hakmeh and Peters on Russia, then each STATED a claim about Russia, citing doc-002', async () => {
    const expected = {
      source: 'doc-002',
      claim:
        "Russia's involvement in the 2019 UN cybercrime resolution was part of a Russian effort to replace the Budapest Convention on Cybercrime.",
      excerpt:
        'Dalam sebuah posting blog, Joyce Hakmeh dan Allison Peters menggambarkan keterlibatan Rusia dalam resolusi tersebut sebagai bagian dari upaya Rusia untuk menggantikan Konvensi Budapest tentang Kejahatan Dunia Maya.',
    };
    expect(await relationship('STATED', 'joyce-hakmeh', 'russia', 'doc-002')).toEqual(expected);
    expect(await relationship('STATED', 'allison-peters', 'russia', 'doc-002')).toEqual(expected);
    expect((await node('joyce-hakmeh'))!.props.kind).toBe('person');
  });

  it('when doc-002 reports 65 ratifications and 68 signatures, then they are INTEGER count facts from doc-002, not party edges', async () => {
    const excerpt = 'Sampai saat ini, 65 negara telah meratifikasi perjanjian tersebut dan 68 telah menandatanganinya.';
    // Reference sources report their own counts beside it (seed/data/reference/); doc-002's stand as it gives them.
    const fromDoc = async (property: string) => (await facts('budapest-convention', property)).filter((f) => f.source === 'doc-002');
    expect(await fromDoc('ratificationCount')).toEqual([
      { source: 'doc-002', edgeSource: 'doc-002', value: 65, valueType: 'INTEGER NOT NULL', asOf: null, excerpt },
    ]);
    expect(await fromDoc('signatoryCount')).toEqual([
      { source: 'doc-002', edgeSource: 'doc-002', value: 68, valueType: 'INTEGER NOT NULL', asOf: null, excerpt },
    ]);
    // The party edges come from the reference charts; none is invented from doc-002's counts.
    const [parties] = await cypher.read<{ count: number }>(
      'Test.budapestParties',
      `MATCH (:Actor)-[r:SIGNED|RATIFIED]->(:Treaty {id: 'budapest-convention'}) WHERE r.source STARTS WITH 'doc-' RETURN count(r) AS count`,
    );
    expect(parties!.count).toBe(0);
  });

  it('when doc-002 reports the Additional Protocol was ratified by 32 and signed by 45, then both counts are attested by doc-002', async () => {
    const excerpt = 'Protokol tersebut diratifikasi 32 negara serta ditandatangani 45 negara.';
    const fromDoc = async (property: string) =>
      (await facts('additional-protocol-racism-xenophobia', property))
        .filter((f) => f.source === 'doc-002')
        .map((f) => [f.source, f.value, f.excerpt]);
    expect(await fromDoc('ratificationCount')).toEqual([['doc-002', 32, excerpt]]);
    expect(await fromDoc('signatoryCount')).toEqual([['doc-002', 45, excerpt]]);
  });

  it('when doc-002 says Russia led the December 2019 resolution, then Russia LEADS it and the General Assembly ADOPTED it in "2019-12"', async () => {
    const excerpt = 'Pada Desember 2019, Majelis Umum PBB mengeluarkan resolusi lain yang dipimpin Rusia tentang kejahatan dunia maya.';
    expect(await relationship('LEADS', 'russia', 'unga-resolution-74-247', 'doc-002')).toEqual({ source: 'doc-002', excerpt });
    expect(await relationship('ADOPTED', 'un-general-assembly', 'unga-resolution-74-247', 'doc-002')).toEqual({
      source: 'doc-002',
      date: '2019-12',
      excerpt,
    });
    expect((await node('un-general-assembly'))!.props.aliases).toContain('Majelis Umum PBB');
  });

  it('when doc-002 says the Council of Europe committee drafted the convention in 2001, then DRAFTED carries date "2001" and "Dewan Eropa" is an alias', async () => {
    expect(await relationship('DRAFTED', 'coe-committee-of-experts-on-crime-in-cyberspace', 'budapest-convention', 'doc-002')).toEqual({
      source: 'doc-002',
      date: '2001',
      excerpt:
        'Pada tahun 2001, Komite Ahli Kejahatan di Dunia Maya dari Dewan Eropa menyusun perjanjian internasional yang disebut Konvensi Budapest tentang Kejahatan Dunia Maya.',
    });
    expect((await node('council-of-europe'))!.props.aliases).toContain('Dewan Eropa');
    expect((await node('budapest-convention'))!.props.aliases).toContain('Konvensi Budapest');
  });

  it('when doc-002 says the EU adopted the Conclusions in February 2015, then ADOPTED carries "2015-02" and Barrinha STATED the first-use claim', async () => {
    expect(await relationship('ADOPTED', 'eu', 'council-conclusions-cyber-diplomacy', 'doc-002')).toEqual({
      source: 'doc-002',
      date: '2015-02',
      excerpt: 'Pada bulan Februari 2015, Uni Eropa mengadopsi Kesimpulan Dewan tentang Diplomasi Cyber.',
    });
    expect(await relationship('STATED', 'andre-barrinha', 'council-conclusions-cyber-diplomacy', 'doc-002')).toMatchObject({
      source: 'doc-002',
      claim:
        "The Council Conclusions were the first time the term 'cyberdiplomacy' was used in an official government document of this kind.",
    });
  });
});

describe('doc-003 (Indonesian): what cyber diplomacy is and cyber capacity building', () => {
  it('when doc-003 names the three components of cyber diplomacy, then cyber diplomacy INCLUDES exactly those three, citing doc-003', async () => {
    const rows = await cypher.read<{ id: string; excerpt: string }>(
      'Test.components',
      `MATCH (:Topic {id: 'cyber-diplomacy'})-[r:INCLUDES {source: 'doc-003'}]->(t)
       WHERE r.excerpt STARTS WITH 'Pengembangan kapasitas siber'
       RETURN t.id AS id, r.excerpt AS excerpt ORDER BY id`,
    );
    const excerpt =
      'Pengembangan kapasitas siber, langkah-langkah membangun kepercayaan, dan penciptaan norma siber adalah komponen penting dari persenjataan diplomasi siber.';
    expect(rows).toEqual([
      { id: 'capacity-building', excerpt },
      { id: 'confidence-building-measures', excerpt },
      { id: 'cyber-norms', excerpt },
    ]);
  });

  it('when doc-003 cites Manantan (2021), then Manantan STATED a claim about capacity building, citing doc-003', async () => {
    expect(await relationship('STATED', 'manantan', 'capacity-building', 'doc-003')).toEqual({
      source: 'doc-003',
      claim:
        'Overcoming the security difficulties of developing countries caused by unequal or inadequate skills and technological resources requires human resource development, institutional and organisational transformation, public-private cooperation and access to internet connectivity.',
      excerpt:
        'Untuk mengatasi penyakit yang melumpuhkan seperti itu, diperlukan pengembangan sumber daya manusia, transformasi kelembagaan dan organisasi, kerjasama swasta-publik, dan akses ke konektivitas internet (Manantan, 2021).',
    });
  });

  it('when doc-003 lists what capacity building requires, then it INCLUDES incident response teams and is ABOUT cyber resilience', async () => {
    const excerpt =
      'Ini memerlukan penyebaran keahlian teknis, tata kelola, dan diplomatik yang diperlukan untuk memastikan ketahanan terhadap ancaman online, yang mencakup penerapan strategi security cyber nasional, pembentukan tim respon insiden komputer, dan penguatan badan penegak hukum.';
    expect(await relationship('INCLUDES', 'capacity-building', 'incident-response-teams', 'doc-003')).toEqual({
      source: 'doc-003',
      excerpt,
    });
    expect(await relationship('ABOUT', 'capacity-building', 'cyber-resilience', 'doc-003')).toEqual({ source: 'doc-003', excerpt });
  });

  it('when doc-003 calls cyber diplomacy an element of soft power, then it is ABOUT soft power and its Indonesian spellings are aliases', async () => {
    expect(await relationship('ABOUT', 'cyber-diplomacy', 'soft-power', 'doc-003')).toEqual({
      source: 'doc-003',
      excerpt:
        'Cyber diplomacy diinformasikan oleh beberapa elemen kekuatan lunak dan dianggap sebagai strategi yang layak untuk mengurangi munculnya ketidakpastian politik atau ekonomi yang besar, bahaya, dan kemungkinan konflik yang datang dari dunia maya.',
    });
    expect((await node('cyber-diplomacy'))!.props.aliases).toContain('diplomasi siber');
    expect((await node('capacity-building'))!.props.aliases).toContain('pengembangan kapasitas');
  });

  it('when doc-003 says capacity building grew to cover education and awareness, then capacity building INCLUDES it, citing doc-003', async () => {
    expect(await relationship('INCLUDES', 'capacity-building', 'education-and-awareness', 'doc-003')).toEqual({
      source: 'doc-003',
      excerpt:
        'Namun, ruang lingkup pengembangan kapasitas telah berkembang melampaui pertimbangan teknis tradisional atau kerangka hukum untuk mencakup pendidikan dan kesadaran.',
    });
  });
});

describe('reference sources beyond the documents', () => {
  it('when the Treaty Office gives 2001-11-23, then the Budapest Convention was opened for signature that day, and that is its headline date', async () => {
    expect(await facts('budapest-convention', 'openedForSignature')).toEqual([
      {
        source: 'coe-treaty-office-185',
        edgeSource: 'coe-treaty-office-185',
        value: '2001-11-23',
        valueType: 'STRING NOT NULL',
        asOf: null,
        excerpt: 'Budapest Convention (ETS No. 185) opened for signature in Budapest on 2001-11-23',
      },
    ]);
    expect(await relationship('ADOPTED', 'council-of-europe', 'budapest-convention', 'coe-treaty-office-185')).toEqual({
      source: 'coe-treaty-office-185',
      date: '2001-11-23',
      excerpt: 'Budapest Convention (ETS No. 185) opened for signature in Budapest on 2001-11-23',
    });
    expect((await node('budapest-convention'))!.props).toMatchObject({ date: '2001-11-23', code: 'ETS No. 185', kind: 'convention' });
  });

  it('when Decision 2020/1127 made the first listings, then six persons and three entities are counted as of 2020-07-30', async () => {
    const excerpt = 'First listings under it on 2020-07-30: six persons and three entities';
    const common = {
      source: 'council-decision-cfsp-2020-1127',
      edgeSource: 'council-decision-cfsp-2020-1127',
      asOf: '2020-07-30',
      excerpt,
    };
    // The regime's later totals (8 and 4 as of 2020-10-22) are separate facts from another source.
    const fromDecision = async (property: string) =>
      (await facts('eu-cyber-sanctions-regime', property)).filter((f) => f.source === common.source);
    expect(await fromDecision('listedPersonCount')).toEqual([{ ...common, value: 6, valueType: 'INTEGER NOT NULL' }]);
    expect(await fromDecision('listedEntityCount')).toEqual([{ ...common, value: 3, valueType: 'INTEGER NOT NULL' }]);
  });

  it('when doc-002 says "2017" and the Council of Europe says "2017-09", then both negotiation-start claims are kept side by side', async () => {
    expect(await facts('second-additional-protocol', 'negotiationStarted')).toEqual([
      {
        source: 'coe-cybercrime-pages',
        edgeSource: 'coe-cybercrime-pages',
        value: '2017-09',
        valueType: 'STRING NOT NULL',
        asOf: null,
        excerpt: 'negotiated 2017-09 to 2021-05',
      },
      {
        source: 'doc-002',
        edgeSource: 'doc-002',
        value: '2017',
        valueType: 'STRING NOT NULL',
        asOf: null,
        excerpt: 'Negosiasi yang dilakukan untuk Protokol Tambahan Kedua Konvensi Budapest dimulai pada tahun 2017.',
      },
    ]);
  });

  it('when the document and the Official Journal both date the sanctions regime, then both claims stay and the most precise is the headline date', async () => {
    expect((await facts('eu-cyber-sanctions-regime', 'adopted')).map((f) => [f.source, f.value])).toEqual([
      ['doc-000', '2019'],
      ['oj-l-129i-2019-05-17', '2019-05-17'],
    ]);
    expect((await node('eu-cyber-sanctions-regime'))!.props.date).toBe('2019-05-17');
    expect(await relationship('ADOPTED', 'council-of-the-eu', 'council-decision-2019-797', 'oj-l-129i-2019-05-17')).toMatchObject({
      source: 'oj-l-129i-2019-05-17',
      date: '2019-05-17',
    });
  });

  it('when the EU lists its member countries, then exactly the 27 member states are MEMBER_OF the EU, each citing that list', async () => {
    const rows = await cypher.read<{ id: string; kind: string; countryCode: string; source: string; excerpt: string }>(
      'Test.euMembers',
      `MATCH (s:Actor)-[r:MEMBER_OF]->(:Actor {id: 'eu'})
       RETURN s.id AS id, s.kind AS kind, s.countryCode AS countryCode, r.source AS source, r.excerpt AS excerpt ORDER BY id`,
    );
    const members = {
      austria: 'AT',
      belgium: 'BE',
      bulgaria: 'BG',
      croatia: 'HR',
      cyprus: 'CY',
      czechia: 'CZ',
      denmark: 'DK',
      estonia: 'EE',
      finland: 'FI',
      france: 'FR',
      germany: 'DE',
      greece: 'GR',
      hungary: 'HU',
      ireland: 'IE',
      italy: 'IT',
      latvia: 'LV',
      lithuania: 'LT',
      luxembourg: 'LU',
      malta: 'MT',
      netherlands: 'NL',
      poland: 'PL',
      portugal: 'PT',
      romania: 'RO',
      slovakia: 'SK',
      slovenia: 'SI',
      spain: 'ES',
      sweden: 'SE',
    };
    expect(rows).toHaveLength(27);
    expect(rows.map(({ id, kind, countryCode, source }) => ({ id, kind, countryCode, source }))).toEqual(
      Object.entries(members).map(([id, countryCode]) => ({ id, kind: 'state', countryCode, source: 'eu-member-countries' })),
    );
    for (const row of rows) expect(row.excerpt).toMatch(/^\S.* is one of the 27 member countries of the European Union\.$/);
  });
});
