// Token Status List interop bridge: @sd-jwt/jwt-status-list (the peer implementation) and node's own crypto.
// One JSON request on stdin, one JSON reply on stdout.
//   {action:"encode", bits, statuses}            -> {lst}
//   {action:"decode", bits, lst}                 -> {statuses}
//   {action:"readJwt", jwt, publicJwk}           -> {verified, header, payload, bits, statuses}
//   {action:"issueJwt", bits, statuses, privateJwk, kid, sub, iat, ttl?} -> {jwt}
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { StatusList, createHeaderAndPayload, getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { readRequest } from './bridge-io.mjs';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

const request = await readRequest();
let reply;
switch (request.action) {
  case 'encode': {
    reply = { lst: new StatusList(request.statuses, request.bits).compressStatusList() };
    break;
  }
  case 'decode': {
    reply = { statuses: StatusList.decompressStatusList(request.lst, request.bits).statusList };
    break;
  }
  case 'readJwt': {
    const [h, p, s] = request.jwt.split('.');
    const key = createPublicKey({ key: request.publicJwk, format: 'jwk' });
    const verified = verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
    const list = getListFromStatusListJWT(request.jwt);
    reply = {
      verified,
      header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
      bits: list.getBitsPerStatus(),
      statuses: list.statusList,
    };
    break;
  }
  case 'issueJwt': {
    const list = new StatusList(request.statuses, request.bits);
    const payload = { sub: request.sub, iat: request.iat };
    if (request.ttl) payload.ttl = request.ttl;
    const { header, payload: body } = createHeaderAndPayload(list, payload, { alg: 'EdDSA', typ: 'statuslist+jwt', kid: request.kid });
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
    const signature = sign(null, Buffer.from(input), createPrivateKey({ key: request.privateJwk, format: 'jwk' }));
    reply = { jwt: `${input}.${b64url(signature)}` };
    break;
  }
  default:
    process.stderr.write(`unknown action ${request.action}\n`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(reply));
