#pragma once
// The JSONL trace: one JSON object per completed viewer request, with the request, the POP,
// the outcome and the headers emitted to the viewer. Written by hand (no JSON library in our
// Debian set), with a fixed key order so that the same run gives byte-identical traces.
//
// Keys, in order: ts (Unix microseconds), time (ISO 8601 UTC), pop, rid, clientIp, clientPort,
// method, host, hostHeader, uri, query, protocol, protocolVersion, status, scBytes, csBytes,
// timeTakenUs, ttfbUs, result, responseResult, detailed, hitLayer, age, cacheKey, cacheKeyText,
// contentType, contentLength, rangeStart, rangeEnd, userAgent, referer, headers.
// Absent optionals are null; empty strings are "". cacheKey is 16 lower-case hex digits (a
// 64-bit number does not survive JSON's doubles); cacheKeyText is the key's readable form
// (core/cache/cache_key.h appendCacheKeyString), null when not given. headers is an array of [name, value] pairs in
// emitted order, so repeated fields (Set-Cookie) and their order are kept.
//
// Strings are escaped per RFC 8259 §7. Bytes that are not valid UTF-8 are written as \u00XX
// (read as Latin-1) so that every line stays valid JSON.

#include <string>
#include <string_view>

#include "core/http/headers.h"
#include "core/record/request_record.h"
#include "core/record/text_writer.h"

namespace cdnsim::core::record {

// Appends one line, newline-terminated. Reuse `out` across calls: no allocation once grown.
void appendTraceJsonLine(const RequestRecord& r, const http::Headers& emittedHeaders,
                         std::string& out);
// The same from a reusable field list (allocation-free callers, see http::HeaderFieldList).
void appendTraceJsonLine(const RequestRecord& r, const http::HeaderFieldList& emittedHeaders,
                         std::string& out);

// Appends `s` as a quoted, escaped JSON string.
void appendJsonString(std::string_view s, std::string& out);
// The same through a TextWriter (formatters writing a whole line).
void writeJsonString(std::string_view s, TextWriter& w);

}  // namespace cdnsim::core::record
