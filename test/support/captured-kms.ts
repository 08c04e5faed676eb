import { KMSClient } from '@aws-sdk/client-kms';

/**
 * A KMS client whose requests are captured as the SDK serialised them. No KMS emulator exists: `answer`
 * gives, for a request's target (`TrentService.Sign`…) and body, a response of KMS's documented shape, only
 * so the adapter can proceed; what a test asserts is what the adapter asked KMS for.
 */
export function capturedKms(answer: (target: string, body: Record<string, unknown>) => unknown) {
  const requests: { target: string; body: Record<string, unknown> }[] = [];
  const kms = new KMSClient({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body: string | Uint8Array }) => {
        const target = request.headers['x-amz-target'] ?? '';
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        const body = JSON.parse(text) as Record<string, unknown>;
        requests.push({ target, body });
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: new TextEncoder().encode(JSON.stringify(answer(target, body))),
          },
        };
      },
    } as never,
  });
  return { kms, requests };
}
