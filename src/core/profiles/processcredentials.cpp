#include "processcredentials.h"
