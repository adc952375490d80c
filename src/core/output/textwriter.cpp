#include "core/output/textwriter.h"

#include "core/output/pythonrepr.h"

#include <QByteArray>
#include <QChar>
#include <QList>
#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>
#include <vector>

namespace jobdesk::output {

namespace {

using Json = nlohmann::ordered_json;

bool isContainer(const Json &value)
{
    return value.is_object() || value.is_array();
}

bool pythonPrintable(char32_t cp)
{
    if (cp == U' ')
        return true;
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph: return false;
    default: return true;
    }
}

// How Python's repr() writes a character it does not print: \xhh, \uhhhh or \Uhhhhhhhh.
std::string pythonHexEscape(char32_t cp)
{
    const QByteArray hex = QByteArray::number(static_cast<uint>(cp), 16);
    if (cp <= 0xff)
        return "\\x" + hex.rightJustified(2, '0').toStdString();
    if (cp <= 0xffff)
        return "\\u" + hex.rightJustified(4, '0').toStdString();
    return "\\U" + hex.rightJustified(8, '0').toStdString();
}

// Python's repr() of a str. Only reached for values that are lists or dicts
// where a scalar was expected, which botocore-shaped responses never have.
std::string pythonStringRepr(const std::string &utf8)
{
    const bool hasSingle = utf8.find('\'') != std::string::npos;
    const bool hasDouble = utf8.find('"') != std::string::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    std::string out(1, quote);
    const QString text = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    for (char32_t cp : text.toUcs4()) {
        if (cp == static_cast<char32_t>(quote) || cp == U'\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == U'\t') {
            out += "\\t";
        } else if (cp == U'\n') {
            out += "\\n";
        } else if (cp == U'\r') {
            out += "\\r";
        } else if (cp >= 0x20 && cp != 0x7f && (cp < 0x7f || pythonPrintable(cp))) {
            out += QString::fromUcs4(&cp, 1).toUtf8().toStdString();
        } else {
            out += pythonHexEscape(cp);
        }
    }
    out += quote;
    return out;
}

std::string pythonRepr(const Json &value)
{
    if (value.is_string())
        return pythonStringRepr(value.get_ref<const std::string &>());
    if (value.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto &[key, member] : value.items()) {
            if (!first)
                out += ", ";
            first = false;
            out += pythonStringRepr(key) + ": " + pythonRepr(member);
        }
        return out + "}";
    }
    if (value.is_array()) {
        std::string out = "[";
        bool first = true;
        for (const Json &element : value) {
            if (!first)
                out += ", ";
            first = false;
            out += pythonRepr(element);
        }
        return out + "]";
    }
    return awsCliValueText(value);
}

std::string upper(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())).toUpper().toUtf8().toStdString();
}

std::string joinTabs(const std::vector<std::string> &fields)
{
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += '\t';
        line += fields[i];
    }
    return line;
}

// Walks the response the way the AWS CLI's text output does: a dict's scalar
// values on one line (prefixed by its key in capitals when nested), then its
// nested values in key order; the dicts of a list share one set of columns.
class TextRenderer
{
public:
    const std::string &result() const { return m_out; }

    void item(const Json &value, const std::string *identifier, const std::vector<std::string> *scalarKeys)
    {
        if (value.is_object())
            object(value, identifier, scalarKeys);
        else if (value.is_array())
            array(value, identifier);
        else
            m_out += awsCliValueText(value) + '\n';
    }

private:
    std::string m_out;

    void array(const Json &list, const std::string *identifier)
    {
        if (list.empty())
            return;
        const bool hasObject = std::any_of(list.begin(), list.end(), [](const Json &e) { return e.is_object(); });
        if (hasObject) {
            std::set<std::string> keys;
            for (const Json &element : list) {
                if (!element.is_object())
                    continue;
                for (const auto &[key, member] : element.items()) {
                    if (!isContainer(member))
                        keys.insert(key);
                }
            }
            const std::vector<std::string> columns(keys.begin(), keys.end());
            for (const Json &element : list)
                item(element, identifier, &columns);
            return;
        }
        std::vector<std::string> scalars;
        for (const Json &element : list) {
            if (!isContainer(element))
                scalars.push_back(awsCliValueText(element));
        }
        if (!scalars.empty())
            scalarList(scalars, identifier);
        for (const Json &element : list) {
            if (isContainer(element))
                item(element, identifier, nullptr);
        }
    }

    void scalarList(const std::vector<std::string> &values, const std::string *identifier)
    {
        if (!identifier) {
            m_out += joinTabs(values) + '\n';
            return;
        }
        const std::string label = upper(*identifier);
        for (const std::string &value : values)
            m_out += label + '\t' + value + '\n';
    }

    void object(const Json &dict, const std::string *identifier, const std::vector<std::string> *scalarKeys)
    {
        std::vector<std::pair<std::string, const Json *>> entries;
        for (const auto &[key, member] : dict.items())
            entries.emplace_back(key, &member);
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

        std::vector<std::string> scalars;
        std::vector<std::pair<std::string, const Json *>> nested;
        if (!scalarKeys) {
            for (const auto &[key, member] : entries) {
                if (isContainer(*member))
                    nested.emplace_back(key, member);
                else
                    scalars.push_back(awsCliValueText(*member));
            }
        } else {
            for (const std::string &key : *scalarKeys) {
                const auto it = dict.find(key);
                scalars.push_back(it == dict.end() ? std::string() : awsCliValueText(*it));
            }
            for (const auto &[key, member] : entries) {
                if (!std::binary_search(scalarKeys->begin(), scalarKeys->end(), key))
                    nested.emplace_back(key, member);
            }
        }
        if (!scalars.empty()) {
            if (identifier)
                scalars.insert(scalars.begin(), upper(*identifier));
            m_out += joinTabs(scalars) + '\n';
        }
        for (const auto &[key, member] : nested)
            item(*member, &key, nullptr);
    }
};

}  // namespace

std::string awsCliValueText(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::string: return value.get_ref<const std::string &>();
    case Json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case Json::value_t::null: return "None";
    case Json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case Json::value_t::number_float: return pythonFloat(value.get<double>());
    case Json::value_t::object:
    case Json::value_t::array: return pythonRepr(value);
    case Json::value_t::binary:
    case Json::value_t::discarded: break;
    }
    return {};
}

QByteArray writeText(const Json &response)
{
    TextRenderer renderer;
    renderer.item(response, nullptr, nullptr);
    return QByteArray::fromStdString(renderer.result());
}

}  // namespace jobdesk::output
