#pragma once
// A PNG reader for the screenshots headless Chromium takes (PNG spec, W3C 2003): 8-bit RGB or
// RGBA, not interlaced, every filter type. Enough to look at pixels in a test; zlib inflates.

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace cdnsim::testing {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
  std::uint32_t key() const { return (std::uint32_t{r} << 16) | (std::uint32_t{g} << 8) | b; }
};

struct PngImage {
  std::uint32_t width = 0, height = 0;
  std::vector<Rgb> pixels;  // row-major
  Rgb at(std::uint32_t x, std::uint32_t y) const { return pixels[std::size_t{y} * width + x]; }
};

namespace png_detail {
inline std::uint32_t bigEndian(const std::string& s, std::size_t at) {
  return (std::uint32_t{static_cast<std::uint8_t>(s[at])} << 24) | (std::uint32_t{static_cast<std::uint8_t>(s[at + 1])} << 16) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 2])} << 8) | std::uint32_t{static_cast<std::uint8_t>(s[at + 3])};
}
// §9.4, the Paeth predictor.
inline int paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
}  // namespace png_detail

// nullopt with `error` when the bytes are not a PNG this reader handles.
inline std::optional<PngImage> decodePng(const std::string& bytes, std::string& error) {
  using png_detail::bigEndian;
  if (bytes.size() < 8 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    error = "not a PNG";
    return std::nullopt;
  }
  PngImage image;
  int channels = 0;
  std::string compressed;
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    const std::uint32_t length = bigEndian(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) break;
    if (type == "IHDR") {
      image.width = bigEndian(bytes, at + 8);
      image.height = bigEndian(bytes, at + 12);
      const int depth = static_cast<std::uint8_t>(bytes[at + 16]);
      const int colour = static_cast<std::uint8_t>(bytes[at + 17]);
      const int interlace = static_cast<std::uint8_t>(bytes[at + 20]);
      channels = colour == 2 ? 3 : colour == 6 ? 4 : 0;
      if (depth != 8 || channels == 0 || interlace != 0) {
        error = "only 8-bit RGB or RGBA PNGs without interlacing are read";
        return std::nullopt;
      }
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  if (channels == 0 || compressed.empty()) {
    error = "no IHDR or IDAT chunk";
    return std::nullopt;
  }
  const std::size_t stride = std::size_t{image.width} * static_cast<std::size_t>(channels);
  std::vector<std::uint8_t> raw(std::size_t{image.height} * (stride + 1));
  uLongf rawSize = raw.size();
  if (uncompress(raw.data(), &rawSize, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) != Z_OK ||
      rawSize != raw.size()) {
    error = "the image data does not inflate to width x height";
    return std::nullopt;
  }
  // §9.2: undo each row's filter, in place; `previous` is the row above (zeros for the first).
  std::vector<std::uint8_t> previous(stride, 0);
  image.pixels.resize(std::size_t{image.width} * image.height);
  for (std::uint32_t y = 0; y < image.height; ++y) {
    std::uint8_t* row = raw.data() + std::size_t{y} * (stride + 1);
    const int filter = row[0];
    std::uint8_t* line = row + 1;
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= static_cast<std::size_t>(channels) ? line[i - static_cast<std::size_t>(channels)] : 0;
      const int b = previous[i];
      const int c = i >= static_cast<std::size_t>(channels) ? previous[i - static_cast<std::size_t>(channels)] : 0;
      int predictor = 0;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) / 2; break;
        case 4: predictor = png_detail::paeth(a, b, c); break;
        default: error = "unknown filter type " + std::to_string(filter); return std::nullopt;
      }
      line[i] = static_cast<std::uint8_t>(line[i] + predictor);
    }
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = line + std::size_t{x} * static_cast<std::size_t>(channels);
      image.pixels[std::size_t{y} * image.width + x] = Rgb{p[0], p[1], p[2]};
    }
    previous.assign(line, line + stride);
  }
  return image;
}

}  // namespace cdnsim::testing
