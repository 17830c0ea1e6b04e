import type { AttachmentInput } from '../api/types.ts';

/** Reads a picked file into the `{filename, contentType, data}` shape the API takes (data base64). */
export async function readAttachment(file: File): Promise<AttachmentInput> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunked so large files do not overflow the argument list of fromCharCode.
  for (let offset = 0; offset < buffer.length; offset += 0x8000) {
    binary += String.fromCharCode(...buffer.subarray(offset, offset + 0x8000));
  }
  return {
    filename: file.name,
    ...(file.type ? { contentType: file.type } : {}),
    data: btoa(binary),
  };
}
