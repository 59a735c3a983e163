// TextWriter: a record written through a raw pointer lands after what the string held, grows the
// string as far as needed, and leaves exactly the written bytes when the writer ends.

#include "core/record/text_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/record/access_log.h"
#include "core/record/trace_line.h"

namespace cdnsim::core::record {

TEST_CASE("a TextWriter appends after the string's content and trims to what it wrote",
          "[record][text_writer]") {
  const std::size_t room = GENERATE(1, 7, 64, TextWriter::kDefaultRoom);
  std::string out = "head|";
  std::string expected = out;
  {
    TextWriter w(out, room);
    for (int i = 0; i < 500; ++i) {  // far past any one room: the writer grows several times
      w.write("key=");
      expected += "key=";
      w.writeInt(-i);
      expected += std::to_string(-i);
      w.put(',');
      expected += ',';
      w.writeUint(18446744073709551615ULL);
      expected += "18446744073709551615";
      char* p = w.reserve(3);
      p[0] = 'a';
      p[1] = 'b';
      w.advanceTo(p + 2);  // reserved three, used two
      expected += "ab";
      CHECK(w.size() == expected.size());
    }
  }
  CHECK(out == expected);
}

TEST_CASE("a TextWriter that writes nothing leaves the string as it was", "[record][text_writer]") {
  std::string out = "unchanged";
  { TextWriter w(out); }
  CHECK(out == "unchanged");
}

TEST_CASE("escaped values written through one writer match the string appenders",
          "[record][text_writer]") {
  const std::string values[] = {"", "a", "ab\"", "tab\there", std::string(15, 'x'),
                                std::string(16, 'y'), "caf\xc3\xa9", std::string(300, 'z') + "\"",
                                "sp ace{}"};
  std::string viaWriter = "#";
  std::string viaAppend = "#";
  {
    TextWriter w(viaWriter, 8);  // a small room: values cross its boundary
    for (const auto& v : values) {
      writeJsonString(v, w);
      writeLogValue(v, w);
    }
  }
  for (const auto& v : values) {
    appendJsonString(v, viaAppend);
    appendLogValue(v, viaAppend);
  }
  CHECK(viaWriter == viaAppend);
}

}  // namespace cdnsim::core::record
