#include "credentialresolver.h"
