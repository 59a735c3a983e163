#pragma once
// An HTTP header list: ordered, duplicates kept, names compared case-insensitively (RFC 9110 §5.1).
// Small and flat on purpose: a response rarely has more than a dozen fields, so a linear scan over
// a vector beats a map and keeps the order a serializer must reproduce.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core::http {

struct HeaderField {
  std::string name;
  std::string value;
  bool operator==(const HeaderField&) const = default;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
 public:
  Headers() = default;
  Headers(std::initializer_list<HeaderField> fields) : fields_(fields) {}

  // The first field with this name, if any.
  std::optional<std::string_view> get(std::string_view name) const;
  // Every value of this name joined with ", " (RFC 9110 §5.3 list combination); nullopt if absent.
  std::optional<std::string> getCombined(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }

  void add(std::string name, std::string value);
  // Replaces every field of this name by one field (appended where the first one stood).
  void set(std::string_view name, std::string value);
  // Removes every field of this name; returns how many were removed.
  std::size_t remove(std::string_view name);

  const std::vector<HeaderField>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }
  std::size_t size() const { return fields_.size(); }
  bool operator==(const Headers&) const = default;

 private:
  std::vector<HeaderField> fields_;
};

// One field of a HeaderFieldList, as views into the list's storage: valid until the list changes.
struct HeaderFieldView {
  std::string_view name;
  std::string_view value;
  bool operator==(const HeaderFieldView&) const = default;
};

// HeaderFieldList: an ordered field list for hot paths that build one list per message and throw
// it away (a simulator writing a trace line per request, a proxy serialising a response). Every
// field's bytes live in one buffer that clear() keeps, so once the list has grown to its largest
// message, adding fields allocates nothing. It only builds and iterates: for lookups or edits,
// convert it with toHeaders().
//
// Costs: add O(size of the field) amortised; clear O(1); field access O(1).
class HeaderFieldList {
 public:
  void clear() {
    text_.clear();
    fields_.clear();
  }
  void add(std::string_view name, std::string_view value) {
    addWith(name, [value](std::string& out) { out.append(value); });
  }
  // Adds a field whose value `appendValue(std::string& out)` appends to `out`: for values composed
  // or formatted in place, without a temporary string.
  template <class AppendValue>
  void addWith(std::string_view name, AppendValue&& appendValue) {
    Field f;
    f.nameAt = text_.size();
    text_.append(name);
    f.valueAt = text_.size();
    appendValue(text_);
    f.valueEnd = text_.size();
    fields_.push_back(f);
  }

  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  // Bytes of every name and value together, O(1): each field's bytes are stored once, in order.
  std::size_t textBytes() const { return text_.size(); }
  HeaderFieldView operator[](std::size_t i) const {
    const Field& f = fields_[i];
    const std::string_view text(text_);
    return {text.substr(f.nameAt, f.valueAt - f.nameAt), text.substr(f.valueAt, f.valueEnd - f.valueAt)};
  }

  // Iterates fields as HeaderFieldView values.
  class Iterator {
   public:
    Iterator(const HeaderFieldList* list, std::size_t i) : list_(list), i_(i) {}
    HeaderFieldView operator*() const { return (*list_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator&) const = default;

   private:
    const HeaderFieldList* list_;
    std::size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, fields_.size()}; }

  Headers toHeaders() const;

 private:
  // Offsets rather than views: the buffer may move while the list grows.
  struct Field {
    std::size_t nameAt = 0;
    std::size_t valueAt = 0;
    std::size_t valueEnd = 0;
  };
  std::string text_;
  std::vector<Field> fields_;
};

}  // namespace cdnsim::core::http
