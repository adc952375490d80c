#pragma once

// The built-in functions of JMESPath, with jmespath.py's argument checks: the
// arguments are evaluated first, then the name is looked up, then their number
// and types are checked. Errors point at the function's name.

#include "core/query/evaluator.h"

namespace jobdesk::query {

class Functions
{
public:
    static Evaluator::Value call(Evaluator &evaluator, const Node &call, const Evaluator::Value &current);
};

}  // namespace jobdesk::query
