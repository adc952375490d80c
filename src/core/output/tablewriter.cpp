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

    void setHeaders(const Row &names)
    {
        widen(names);
        if (!columns)
            columns = names.size();
        headers = names;
    }

    void addRow(const Row &row)
    {
        if (!columns)
            columns = row.size();
        rows.push_back(row);
        widen(row);
    }

    void widen(const Row &row)
    {
        if (maxWidths.empty()) {
            for (const std::string &cell : row)
                maxWidths.push_back(UnicodeWidth::textWidth(cell));
            return;
        }
        for (size_t i = 0; i < row.size(); ++i) {
            const int width = UnicodeWidth::textWidth(row[i]);
            if (i < maxWidths.size())
                maxWidths[i] = std::max(maxWidths[i], width);
            else
                maxWidths.push_back(width);
        }
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
    case Json::value_t::string:
    case Json::value_t::object:
    case Json::value_t::array:
    case Json::value_t::binary: return !value.empty();
    }
    return false;
}

// Builds the sections the AWS CLI builds: every nested dict or list becomes a
// section one level deeper, titled by its key; a dict's scalars form one row
// under their keys (or a key/value pair when there is only one).
class TableBuilder
{
public:
    std::vector<Section> &sections() { return m_sections; }

    bool build(const std::optional<std::string> &title, const Json &value, int indent)
    {
        if (!truthy(value))
            return false;
        if (title)
            newSection(title, indent);
        if (value.is_array()) {
            if (value.front().is_object()) {
                fromList(value, indent, title);
            } else {
                for (const Json &element : value) {
                    if (!isContainer(element)) {
                        current().addRow({awsCliValueText(element)});
                    } else if (element.is_object()) {
                        // Iterating a dict yields its keys, which are scalars.
                        Row keys;
                        for (const auto &[key, member] : element.items())
                            keys.push_back(key);
                        current().addRow(keys);
                    } else if (std::none_of(element.begin(), element.end(), isContainer)) {
                        Row cells;
                        for (const Json &cell : element)
                            cells.push_back(awsCliValueText(cell));
                        current().addRow(cells);
                    } else {
                        build(std::nullopt, element, 0);
                    }
                }
            }
        }
        if (value.is_object())
            fromDict(value, indent);
        return true;
    }

private:
    std::vector<Section> m_sections;

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

    void fromDict(const Json &dict, int indent)
    {
        std::set<std::string> scalarKeys;
        std::set<std::string> nestedKeys;
        splitKeys(dict, scalarKeys, nestedKeys);
        if (scalarKeys.size() == 1) {
            const std::string &key = *scalarKeys.begin();
            current().addRow({key, awsCliValueText(dict.at(key))});
        } else if (!scalarKeys.empty()) {
            Row values;
            for (const std::string &key : scalarKeys)
                values.push_back(awsCliValueText(dict.at(key)));
            current().setHeaders(Row(scalarKeys.begin(), scalarKeys.end()));
            current().addRow(values);
        }
        for (const std::string &key : nestedKeys)
            build(key, dict.at(key), indent + 1);
    }

    void fromList(const Json &list, int indent, const std::optional<std::string> &title)
    {
        std::set<std::string> scalarKeys;
        std::set<std::string> nestedKeys;
        for (const Json &element : list) {
            if (element.is_object())
                splitKeys(element, scalarKeys, nestedKeys);
        }
        const Row headers(scalarKeys.begin(), scalarKeys.end());
        current().setHeaders(headers);
        bool first = true;
        for (const Json &element : list) {
            if (!first && !nestedKeys.empty()) {
                newSection(title, indent);
                current().setHeaders(headers);
            }
            first = false;
            Row row;
            for (const std::string &key : headers) {
                const auto it = element.is_object() ? element.find(key) : element.end();
                row.push_back(element.is_object() && it != element.end() ? awsCliValueText(*it) : std::string());
            }
            current().addRow(row);
            if (!element.is_object())
                continue;
            for (const std::string &key : nestedKeys) {
                const auto it = element.find(key);
                if (it != element.end())
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
            vertical.addRow({section.headers[i], values[i]});
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

QByteArray writeTable(const Json &response, const TableOptions &options)
{
    TableBuilder builder;
    if (!builder.build(options.title.toStdString(), response, 0))
        return {};
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
