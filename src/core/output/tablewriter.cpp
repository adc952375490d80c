#include "core/output/tablewriter.h"

#include "core/output/textwriter.h"
#include "core/output/unicodewidth.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jobdesk::output {

namespace {

using Json = nlohmann::ordered_json;

std::string repeat(char c, int count)
{
    return count > 0 ? std::string(static_cast<size_t>(count), c) : std::string();
}

int floorDiv(int a, int b)
{
    const int q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

using Row = std::vector<std::string>;

// One titled block of the table: an optional header row and rows of cells,
// drawn indent levels deep inside its parents' borders.
struct Section
{
    // The AWS CLI can give a section no title at all (its None), which still
    // counts four columns ("None") when widths are measured.
    std::optional<std::string> title = std::string();
    Row headers;
    std::vector<Row> rows;
    int indent = 0;
    std::optional<size_t> columns;
    std::vector<int> maxWidths;

    // The checks of the AWS CLI's Section: a failure leaves the section as Python would.
    std::optional<TableFailure> setHeaders(const Row &names)
    {
        if (auto failure = widen(names))
            return failure;
        if (!columns)
            columns = names.size();
        headers = names;
        return std::nullopt;
    }

    std::optional<TableFailure> addRow(const Row &row)
    {
        if (!columns)
            columns = row.size();
        if (row.size() != *columns) {
            TableFailure failure;
            failure.kind = TableFailure::Kind::RowLength;
            failure.expected = static_cast<int>(*columns);
            failure.actual = static_cast<int>(row.size());
            return failure;
        }
        rows.push_back(row);
        return widen(row);
    }

    std::optional<TableFailure> widen(const Row &row)
    {
        if (maxWidths.empty()) {
            for (const std::string &cell : row)
                maxWidths.push_back(UnicodeWidth::textWidth(cell));
            return std::nullopt;
        }
        for (size_t i = 0; i < row.size(); ++i) {
            if (i >= maxWidths.size()) {
                TableFailure failure;
                failure.kind = TableFailure::Kind::IndexRange;
                return failure;
            }
            maxWidths[i] = std::max(maxWidths[i], UnicodeWidth::textWidth(row[i]));
        }
        return std::nullopt;
    }

    int titleWidth() const { return title ? UnicodeWidth::textWidth(*title) : 4; }

    int totalWidth() const
    {
        constexpr int cellPadding = 4;
        constexpr int border = 2;
        int total = border + 2 * indent;
        for (int width : maxWidths)
            total += width + cellPadding;
        return std::max(titleWidth() + border + 2 * indent, total);
    }

    // Shares out `available` columns in proportion to the cells' natural
    // widths, rounding half to even, then trims or pads one column at a time
    // (from the left when trimming, from the right when padding) to fit exactly.
    std::vector<int> columnWidths(int available) const
    {
        std::vector<int> widths;
        int natural = 0;
        for (int width : maxWidths) {
            widths.push_back(width + 4);
            natural += width + 4;
        }
        if (widths.empty())
            return widths;
        const double scale = static_cast<double>(available) / static_cast<double>(natural);
        int sum = 0;
        for (int &width : widths) {
            width = static_cast<int>(std::nearbyint(scale * static_cast<double>(width)));
            sum += width;
        }
        int excess = sum - available;
        const int n = static_cast<int>(widths.size());
        while (excess != 0) {
            for (int k = 0; k < n && excess != 0; ++k) {
                if (excess > 0) {
                    --widths[static_cast<size_t>(k)];
                    --excess;
                } else {
                    ++widths[static_cast<size_t>(n - 1 - k)];
                    ++excess;
                }
            }
        }
        return widths;
    }
};

constexpr char kReset[] = "\x1b[0m";

class Canvas
{
public:
    explicit Canvas(bool color)
        : m_color(color), m_bar(color ? std::string("\x1b[2m\x1b[33m|") + kReset : std::string("|"))
    {
    }

    // The AWS CLI's colour library resets the terminal after every single
    // write, so the resets land between the pieces each line is written in.
    void write(std::string_view text)
    {
        m_out += text;
        if (m_color)
            m_out += kReset;
    }

    void line(const Section &section, const std::string &text)
    {
        std::string bars;
        for (int i = 0; i < section.indent; ++i)
            bars += m_bar;
        write(bars);
        write(text);
        write(bars);
        write("\n");
    }

    std::string cell(const std::string &text) const { return m_color ? "\x1b[1m\x1b[34m" + text + kReset : text; }

    const std::string &result() const { return m_out; }

private:
    bool m_color;
    std::string m_bar;
    std::string m_out;
};

std::string centered(const std::string &text, int textLength, int length, std::string_view left)
{
    const int start = floorDiv(length, 2) - floorDiv(textLength, 2) - 1;
    const int used = static_cast<int>(left.size()) + start + textLength;
    return std::string(left) + repeat(' ', start) + text + repeat(' ', length - 1 - used) + '|';
}

std::string leftAligned(const std::string &text, int textLength, int length, std::string_view left)
{
    const int edges = static_cast<int>(left.size()) + 1;
    const int padding = length - (textLength + 2 + edges) >= 0 ? 2 : 0;
    return std::string(left) + repeat(' ', padding) + text + repeat(' ', length - edges - padding - textLength) + '|';
}

std::string ruler(const std::vector<int> &widths)
{
    std::string out;
    for (size_t i = 0; i < widths.size(); ++i)
        out += (i == 0 ? "+" + repeat('-', widths[i] - 2) : repeat('-', widths[i] - 1)) + '+';
    return out;
}

bool isContainer(const Json &value)
{
    return value.is_object() || value.is_array();
}

// Python's truth value, which decides whether a nested value gets a section.
bool truthy(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: return false;
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::number_integer: return value.get<std::int64_t>() != 0;
    case Json::value_t::number_unsigned: return value.get<std::uint64_t>() != 0;
    case Json::value_t::number_float: return value.get<double>() != 0.0;
    case Json::value_t::string: return !value.get_ref<const std::string &>().empty();
    case Json::value_t::object:
    case Json::value_t::array:
    case Json::value_t::binary: return !value.empty();
    }
    return false;
}

TableFailure failureOf(TableFailure::Kind kind, std::string typeName = {})
{
    TableFailure failure;
    failure.kind = kind;
    failure.typeName = std::move(typeName);
    return failure;
}

// Builds the sections the AWS CLI builds: every nested dict or list becomes a
// section one level deeper, titled by its key; a dict's scalars form one row
// under their keys (or a key/value pair when there is only one). Where its
// code raises an exception on a value, building stops with the same failure.
class TableBuilder
{
public:
    std::vector<Section> &sections() { return m_sections; }
    const std::optional<TableFailure> &failure() const { return m_failure; }

    bool build(const std::optional<std::string> &title, const Json &value, int indent)
    {
        if (m_failure || !truthy(value))
            return false;
        if (title)
            newSection(title, indent);
        if (value.is_array()) {
            if (value.front().is_object()) {
                fromList(value, indent, title);
            } else {
                for (const Json &element : value) {
                    if (m_failure)
                        break;
                    if (!isContainer(element)) {
                        check(current().addRow({awsCliValueText(element)}));
                    } else if (element.is_object()) {
                        // Iterating a dict yields its keys, which are scalars.
                        Row keys;
                        for (const auto &[key, member] : element.items())
                            keys.push_back(key);
                        check(current().addRow(keys));
                    } else if (std::none_of(element.begin(), element.end(), isContainer)) {
                        Row cells;
                        for (const Json &cell : element)
                            cells.push_back(awsCliValueText(cell));
                        check(current().addRow(cells));
                    } else {
                        build(std::nullopt, element, 0);
                    }
                }
            }
        }
        if (value.is_object())
            fromDict(value, indent);
        return !m_failure;
    }

private:
    std::vector<Section> m_sections;
    std::optional<TableFailure> m_failure;

    void check(std::optional<TableFailure> failure)
    {
        if (failure && !m_failure)
            m_failure = std::move(failure);
    }

    Section &current()
    {
        if (m_sections.empty())
            m_sections.emplace_back();
        return m_sections.back();
    }

    void newSection(const std::optional<std::string> &title, int indent)
    {
        Section section;
        section.title = title;
        section.indent = indent;
        m_sections.push_back(std::move(section));
    }

    static void splitKeys(const Json &dict, std::set<std::string> &scalars, std::set<std::string> &nested)
    {
        for (const auto &[key, member] : dict.items())
            (isContainer(member) ? nested : scalars).insert(key);
    }

    // What the AWS CLI's grouping of column names does with an element of a list
    // of dicts that is no dict: it iterates it and indexes it with what it yields.
    // Lists of valid positions get through, and give integer column names.
    static std::optional<TableFailure> groupNonDict(const Json &element, bool &indexNames)
    {
        if (element.is_string()) {
            if (element.get_ref<const std::string &>().empty())
                return std::nullopt;
            return failureOf(TableFailure::Kind::StringIndex);
        }
        if (!element.is_array())
            return failureOf(TableFailure::Kind::NotIterable, pythonTypeName(element));
        const auto size = static_cast<std::int64_t>(element.size());
        for (const Json &index : element) {
            if (!(index.is_number_integer() || index.is_boolean()))
                return failureOf(TableFailure::Kind::ListIndex, pythonTypeName(index));
            // bool is an int to Python: True is position 1.
            const bool huge = index.is_number_unsigned() && index.get<std::uint64_t>() > std::uint64_t(size);
            const std::int64_t position = index.is_boolean() ? std::int64_t(index.get<bool>())
                : huge                                       ? size
                                                             : index.get<std::int64_t>();
            if (position < -size || position >= size)
                return failureOf(TableFailure::Kind::IndexRange);
            indexNames = true;
        }
        return std::nullopt;
    }

    void fromDict(const Json &dict, int indent)
    {
        std::set<std::string> scalarKeys;
        std::set<std::string> nestedKeys;
        splitKeys(dict, scalarKeys, nestedKeys);
        if (scalarKeys.size() == 1) {
            const std::string &key = *scalarKeys.begin();
            check(current().addRow({key, awsCliValueText(dict.at(key))}));
        } else if (!scalarKeys.empty()) {
            Row values;
            for (const std::string &key : scalarKeys)
                values.push_back(awsCliValueText(dict.at(key)));
            check(current().setHeaders(Row(scalarKeys.begin(), scalarKeys.end())));
            if (!m_failure)
                check(current().addRow(values));
        }
        for (const std::string &key : nestedKeys) {
            if (m_failure)
                return;
            build(key, dict.at(key), indent + 1);
        }
    }

    void fromList(const Json &list, int indent, const std::optional<std::string> &title)
    {
        std::set<std::string> scalarKeys;
        std::set<std::string> nestedKeys;
        bool indexNames = false;
        for (const Json &element : list) {
            if (element.is_object()) {
                splitKeys(element, scalarKeys, nestedKeys);
                continue;
            }
            check(groupNonDict(element, indexNames));
            if (m_failure)
                return;
        }
        if (indexNames) {
            // Python cannot sort integers among strings; with integers alone, the
            // rows fail on the first element that is a list, which has no get().
            if (!scalarKeys.empty() || !nestedKeys.empty())
                check(failureOf(TableFailure::Kind::Unorderable));
            else
                check(failureOf(TableFailure::Kind::NoGet, "list"));
            return;
        }
        const Row headers(scalarKeys.begin(), scalarKeys.end());
        check(current().setHeaders(headers));
        bool first = true;
        for (const Json &element : list) {
            if (m_failure)
                return;
            if (!first && !nestedKeys.empty()) {
                newSection(title, indent);
                check(current().setHeaders(headers));
            }
            first = false;
            if (!element.is_object()) {
                check(failureOf(TableFailure::Kind::NoGet, pythonTypeName(element)));
                return;
            }
            Row row;
            for (const std::string &key : headers) {
                const auto it = element.find(key);
                row.push_back(it != element.end() ? awsCliValueText(*it) : std::string());
            }
            check(current().addRow(row));
            for (const std::string &key : nestedKeys) {
                const auto it = element.find(key);
                if (it != element.end() && !m_failure)
                    build(key, *it, indent + 1);
            }
        }
    }
};

int widestSection(const std::vector<Section> &sections)
{
    int widest = 0;
    for (const Section &section : sections)
        widest = std::max(widest, section.totalWidth());
    return widest;
}

// Too wide for the terminal: every section holding a single row under
// headers is turned on its side, one header/value pair per row.
void turnVertical(std::vector<Section> &sections)
{
    for (Section &section : sections) {
        if (section.rows.size() != 1 || section.headers.empty())
            continue;
        Section vertical;
        vertical.title = section.title;
        vertical.indent = section.indent;
        const Row &values = section.rows.front();
        for (size_t i = 0; i < std::min(section.headers.size(), values.size()); ++i)
            (void)vertical.addRow({section.headers[i], values[i]});  // two cells every time
        section = std::move(vertical);
    }
}

void render(const Section &section, int tableWidth, Canvas &canvas)
{
    const int width = tableWidth - 2 * section.indent;
    if (section.title && !section.title->empty()) {
        canvas.line(section, centered(*section.title, UnicodeWidth::textWidth(*section.title), width, "|"));
        if (section.headers.empty() && section.rows.empty())
            canvas.line(section, '+' + repeat('-', width - 2) + '+');
    }
    if (!section.headers.empty()) {
        const std::vector<int> widths = section.columnWidths(width);
        std::string text;
        for (size_t i = 0; i < std::min(widths.size(), section.headers.size()); ++i)
            text +=
                centered(section.headers[i], UnicodeWidth::textWidth(section.headers[i]), widths[i], i == 0 ? "|" : "");
        canvas.line(section, ruler(widths));
        canvas.line(section, text);
    }
    if (section.rows.empty())
        return;
    const std::vector<int> widths = section.columnWidths(width);
    if (widths.empty())
        return;
    canvas.line(section, ruler(widths));
    for (const Row &row : section.rows) {
        std::string text;
        for (size_t i = 0; i < std::min(widths.size(), row.size()); ++i)
            text += leftAligned(canvas.cell(row[i]), UnicodeWidth::textWidth(row[i]), widths[i], i == 0 ? "|" : "");
        canvas.line(section, text);
    }
    canvas.line(section, ruler(widths));
}

}  // namespace

Result<QByteArray, TableFailure> writeTable(const Json &response, const TableOptions &options)
{
    TableBuilder builder;
    if (!builder.build(options.title.toStdString(), response, 0)) {
        if (builder.failure())
            return *builder.failure();
        return QByteArray();
    }
    std::vector<Section> &sections = builder.sections();
    int tableWidth = widestSection(sections);
    if (tableWidth > options.terminalWidth) {
        turnVertical(sections);
        tableWidth = widestSection(sections);
    }
    Canvas canvas(options.color);
    canvas.write(repeat('-', tableWidth) + '\n');
    for (const Section &section : sections)
        render(section, tableWidth, canvas);
    return QByteArray::fromStdString(canvas.result());
}

}  // namespace jobdesk::output
