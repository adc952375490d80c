#include "clienttokenvault.h"
