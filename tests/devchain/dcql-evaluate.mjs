// DCQL interop bridge: the npm dcql package (the reference implementation of OpenID4VP 1.0 section 6).
// One JSON request on stdin, one JSON reply on stdout.
//   {credentials:[{credential_format, vct | type, claims, cryptographic_holder_binding, authority?}],
//    queries:[{name, query}]}
//   -> {results:[{name, valid, can_be_satisfied, matches:{queryId:[{index, claim_set_index}]}, credential_sets:[{matching_options}]}]}
// valid is false (with error) when dcql refuses the query.
import { DcqlQuery } from 'dcql';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
const results = request.queries.map(({ name, query }) => {
  let parsed;
  try {
    parsed = DcqlQuery.parse(query);
    DcqlQuery.validate(parsed);
  } catch (e) {
    return { name, valid: false, error: String(e?.message ?? e).slice(0, 300) };
  }
  const result = DcqlQuery.query(parsed, request.credentials);
  const matches = {};
  for (const [id, match] of Object.entries(result.credential_matches)) {
    matches[id] = (match.valid_credentials ?? []).map((c) => ({
      index: c.input_credential_index,
      claim_set_index: c.claims.valid_claim_sets[0].claim_set_index ?? null,
    }));
  }
  return {
    name,
    valid: true,
    can_be_satisfied: result.can_be_satisfied,
    matches,
    credential_sets: (result.credential_sets ?? []).map((s) => ({ matching_options: s.matching_options ?? null })),
  };
});
process.stdout.write(JSON.stringify({ results }));
