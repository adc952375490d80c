#pragma once

// `--output keyvalue` (JobDesk only): one "path<TAB>value" line per leaf of a
// response, for grep and cut. Not an AWS CLI format.
//
// Paths join member names with '.' and list indexes as [n], in the response's
// own order: jobDetails.data.inputArtifacts[0].name. A name that is empty or
// holds '.', '[', ']', '"', '\', a space or a control character is written as
// ["..."] with JSON string escaping instead: configuration["My.Key"].
//
// Values: strings as they are, except that '\' becomes \\, tab \t, newline \n,
// carriage return \r and any other control character \u00XX, so every leaf
// stays on one line and the first tab always ends the path. Numbers as in
// JSON (Infinity, -Infinity and NaN as --output json writes them), true,
// false and null as those words. An empty nested object or list
// is a leaf whose value is {} or [].
//
// A --query result may be any value: a single string, number, true, false or
// null prints as that value alone, without a path, and a list as [n] paths.
// An empty response (or an empty top-level list) prints nothing.

#include <QByteArray>

#include <nlohmann/json.hpp>

namespace jobdesk::output {

QByteArray writeKeyValue(const nlohmann::ordered_json &response);

}  // namespace jobdesk::output
