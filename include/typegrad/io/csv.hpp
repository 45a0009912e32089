// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Numeric CSV: read_csv(path), parse_csv(text) and split_label_column(table, c).
//
// The format, exactly:
// - Lines end in \n or \r\n; the last line may lack its newline. A UTF-8 byte order mark
//   at the very start is ignored.
// - The first options.skip_lines lines are ignored whatever they hold (scikit-learn's
//   count line `150,4,setosa,versicolor,virginica`). Then, with options.header, the first
//   non-blank line holds the column names.
// - Blank lines (empty, or only spaces and tabs) are skipped anywhere.
// - Fields are separated by options.delimiter; there is no quoting, so a field cannot
//   hold the delimiter. Spaces and tabs around a field are ignored.
// - Every field is one std::from_chars double, the whole field (after trimming) and
//   nothing else. So "1", "-2.5", ".5", "5.", "1e-3" parse; "nan", "inf", "-infinity"
//   parse too (from_chars accepts them) to NaN and infinities; "+1", "0x10", "1 2",
//   "1.5x", "" are errors, and so are values too large or too small for a double
//   ("1e999"; "1e-400" on libstdc++, whose from_chars reports underflow as out of range).
// - Every data line has as many fields as the header, or the first data line without one.
//
// Errors are csv_error, whose what() names the source, the 1-based line in the file and
// the 1-based field: `data/iris.csv:17: column 3: 'abc' is not a number`.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ios>
#include <limits>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace typegrad::io {

//! How parse_csv and read_csv read the text.
//! Example: `tg::io::read_csv("data/iris.csv", {.skip_lines = 1})`
struct csv_options {
  //! The field separator (not \n or \r).
  char delimiter = ',';
  //! Lines ignored at the top, whatever they hold (scikit-learn's count line).
  std::size_t skip_lines = 0;
  //! Whether the first non-blank line after the skipped ones holds the column names.
  bool header = false;
};

//! A rectangular table of doubles, row-major, with the line each row came from.
//! Example: `t(0, 4)` is the first row's fifth value; `t.row(0)` the whole first row.
struct csv_table {
  //! Column names from the header line; empty without one.
  std::vector<std::string> columns;
  //! Number of data rows and of columns.
  std::size_t rows = 0, cols = 0;
  //! rows * cols values, row after row.
  std::vector<double> values;
  //! Where the data came from (file name, or the name given to parse_csv).
  std::string source;
  //! The 1-based line in the source of each row, for messages about a row.
  std::vector<std::size_t> lines;

  //! The value in row r, column c (0-based; unchecked: r < rows, c < cols).
  //! Example: `t(0, 0) == 5.1` for iris
  double operator()(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  //! Row r as cols values (0-based; unchecked: r < rows).
  //! Example: `for (double v : t.row(0)) ...`
  std::span<const double> row(std::size_t r) const {
    return std::span<const double>(values).subspan(r * cols, cols);
  }
};

//! Bad CSV input: what() is `source:line: column c: problem`, without the line part when
//! the whole source is at fault and without the column part when the whole line is.
//! Example: `catch (const tg::io::csv_error& e) { e.line(); }  // 17 for "x.csv:17: ..."`
class csv_error : public std::runtime_error {
 public:
  //! line and column are 1-based; 0 means "not about one line" / "not about one field".
  //! Example: `csv_error("x.csv", 5, 0, "expected 5 fields, found 4")`
  csv_error(std::string source, std::size_t line, std::size_t column, std::string_view problem);
  //! The file name, or the name given to parse_csv.
  //! Example: `e.source() == "data/iris.csv"`
  const std::string& source() const noexcept { return source_; }
  //! The 1-based line in the source; 0 when the error is about the whole source.
  //! Example: `e.line() == 17`
  std::size_t line() const noexcept { return line_; }
  //! The 1-based field in the line; 0 when the whole line is at fault.
  //! Example: `e.column() == 3`
  std::size_t column() const noexcept { return column_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
};

//! Parses numeric CSV text (the format is described at the top of this header); source
//! names the text in messages. Throws csv_error for a field that is empty or not a number,
//! a line with the wrong number of fields, and text without any data row.
//! Example: `auto t = tg::io::parse_csv("a,b\n1,2\n3,4\n", "<x>", {.header = true});  // 2 x 2`
inline csv_table parse_csv(std::string_view text, std::string_view source = "<string>",
                           const csv_options& options = {});

//! Reads a numeric CSV file with parse_csv; messages name the file as given. Throws
//! csv_error when the file cannot be opened or is empty.
//! Example: `auto iris = tg::io::read_csv("data/iris.csv", {.skip_lines = 1});  // 150 x 5`
inline csv_table read_csv(const std::filesystem::path& path, const csv_options& options = {});

//! A table of features and one integer class label per row.
//! Example: `d.features.row(i)` belongs to class `d.labels[i]`, in 0 .. d.classes - 1.
struct labelled_data {
  //! The table without its label column.
  csv_table features;
  //! One label per row.
  std::vector<int> labels;
  //! The largest label + 1 (0 for a table without rows).
  std::size_t classes = 0;
};

//! Splits column label_column (0-based) off a table as integer class labels. Throws
//! csv_error naming the row's line when a label is not a non-negative integer, and
//! std::out_of_range when the table has no such column.
//! Example: `auto iris = tg::io::split_label_column(tg::io::read_csv(path, {.skip_lines = 1}), 4);`
inline labelled_data split_label_column(const csv_table& table, std::size_t label_column);

// ---------------------------------------------------------------------------------------------

namespace detail {

// Quoted for a message, shortened so that one bad line of a huge file stays readable.
inline std::string quote_field(std::string_view field) {
  constexpr std::size_t max_shown = 40;
  std::string out = "'";
  if (field.size() <= max_shown) {
    out += field;
  } else {
    out += field.substr(0, max_shown - 3);
    out += "...";
  }
  out += '\'';
  return out;
}

inline bool is_blank_char(char ch) { return ch == ' ' || ch == '\t'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back())) s.remove_suffix(1);
  return s;
}

// Cuts the text into lines, dropping the \n and a \r before it, and counts them.
class line_reader {
 public:
  explicit line_reader(std::string_view text) : rest_(text) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (rest_.starts_with(bom)) rest_.remove_prefix(bom.size());
  }
  // The next line, or false at the end of the text.
  bool next(std::string_view& line) {
    if (rest_.empty()) return false;
    const std::size_t end = rest_.find('\n');
    line = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    ++number_;
    return true;
  }
  // 1-based number of the line last returned.
  std::size_t number() const { return number_; }

 private:
  std::string_view rest_;
  std::size_t number_ = 0;
};

// Calls f(field, 1-based field number) for each field of a line; returns the field count.
template <class F>
std::size_t for_each_field(std::string_view line, char delimiter, F&& f) {
  std::size_t count = 0;
  while (true) {
    const std::size_t end = line.find(delimiter);
    f(line.substr(0, end), ++count);
    if (end == std::string_view::npos) return count;
    line.remove_prefix(end + 1);
  }
}

inline double parse_field(std::string_view raw, const std::string& source, std::size_t line,
                          std::size_t column) {
  const std::string_view field = trim(raw);
  if (field.empty()) throw csv_error(source, line, column, "empty field");
  double value = 0;
  const char* const last = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), last, value);
  if (ec == std::errc::result_out_of_range)
    throw csv_error(source, line, column, quote_field(field) + " is out of range for double");
  if (ec != std::errc{} || ptr != last)
    throw csv_error(source, line, column, quote_field(field) + " is not a number");
  return value;
}

}  // namespace detail

inline csv_error::csv_error(std::string source, std::size_t line, std::size_t column,
                            std::string_view problem)
    : std::runtime_error([&] {
        std::string what = source;
        if (line != 0) what += ':' + std::to_string(line);
        what += ": ";
        if (column != 0) what += "column " + std::to_string(column) + ": ";
        what += problem;
        return what;
      }()),
      source_(std::move(source)),
      line_(line),
      column_(column) {}

inline csv_table parse_csv(std::string_view text, std::string_view source,
                           const csv_options& options) {
  if (options.delimiter == '\n' || options.delimiter == '\r')
    throw std::invalid_argument("typegrad::io::parse_csv: the delimiter cannot be \\n or \\r");
  csv_table table;
  table.source = std::string(source);
  detail::line_reader reader(text);
  std::string_view line;
  for (std::size_t i = 0; i < options.skip_lines && reader.next(line); ++i) {}

  bool need_header = options.header;
  while (reader.next(line)) {
    if (detail::trim(line).empty()) continue;
    if (need_header) {
      table.cols = detail::for_each_field(
          line, options.delimiter,
          [&](std::string_view name, std::size_t) { table.columns.emplace_back(detail::trim(name)); });
      need_header = false;
      continue;
    }
    // The count first, so that a line is reported as too short or too long rather than
    // for whatever its fields hold.
    const auto found = static_cast<std::size_t>(std::ranges::count(line, options.delimiter)) + 1;
    if (table.rows == 0 && table.columns.empty()) table.cols = found;
    if (found != table.cols)
      throw csv_error(table.source, reader.number(), 0,
                      "expected " + std::to_string(table.cols) + " fields, found " +
                          std::to_string(found));
    detail::for_each_field(line, options.delimiter,
                           [&](std::string_view field, std::size_t column) {
                             table.values.push_back(detail::parse_field(
                                 field, table.source, reader.number(), column));
                           });
    table.lines.push_back(reader.number());
    ++table.rows;
  }
  if (table.rows == 0) throw csv_error(table.source, 0, 0, "no data rows");
  return table;
}

inline csv_table read_csv(const std::filesystem::path& path, const csv_options& options) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw csv_error(name, 0, 0, "cannot open: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const bool missing = !std::filesystem::exists(path, ec) && !ec;
    throw csv_error(name, 0, 0, missing ? "cannot open: no such file" : "cannot open");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw csv_error(name, 0, 0, "cannot read");
  const std::string text = std::move(buffer).str();
  if (text.empty()) throw csv_error(name, 0, 0, "file is empty");
  return parse_csv(text, name, options);
}

inline labelled_data split_label_column(const csv_table& table, std::size_t label_column) {
  if (label_column >= table.cols)
    throw std::out_of_range("typegrad::io::split_label_column: label column " +
                            std::to_string(label_column) + " of a table with " +
                            std::to_string(table.cols) + " columns");
  labelled_data out;
  csv_table& f = out.features;
  f.rows = table.rows;
  f.cols = table.cols - 1;
  f.source = table.source;
  f.lines = table.lines;
  if (!table.columns.empty()) {
    f.columns = table.columns;
    f.columns.erase(f.columns.begin() + static_cast<std::ptrdiff_t>(label_column));
  }
  f.values.reserve(f.rows * f.cols);
  out.labels.reserve(table.rows);
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.cols; ++c) {
      if (c != label_column) f.values.push_back(table(r, c));
    }
    const double v = table(r, label_column);
    // !(v >= 0) also catches NaN.
    if (!(v >= 0) || v > std::numeric_limits<int>::max() || v != static_cast<int>(v)) {
      char text[32];
      const auto res = std::to_chars(text, text + sizeof text, v);
      const std::size_t line = r < table.lines.size() ? table.lines[r] : 0;
      throw csv_error(table.source, line, label_column + 1,
                      "label " + std::string(text, res.ptr) +
                          " is not a non-negative integer");
    }
    const int label = static_cast<int>(v);
    out.labels.push_back(label);
    out.classes = std::max(out.classes, static_cast<std::size_t>(label) + 1);
  }
  return out;
}

}  // namespace typegrad::io
