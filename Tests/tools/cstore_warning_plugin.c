/* An Orthanc plugin for the tests (Orthanc >= 1.10, header from Debian orthanc-dev): its C-STORE
 * SCP answers every Segmentation Storage object (SOPClassUID 1.2.840.10008.5.1.4.1.1.66.4) with
 * the Warning status 0xB000 ("Coercion of data elements", PS3.4 Annex B.2.3) and every other
 * object with Success. Orthanc answers a status other than Success only for an object its filter
 * discards (OrthancPluginRegisterIncomingCStoreInstanceFilter), so the Segmentations are answered
 * with the warning and not kept; the other objects are stored. (Orthanc 1.10's Lua callback
 * ReceivedCStoreInstanceFilter cannot do this: its return value only decides keep or discard,
 * the status stays Success.)
 *
 * Built by the test: clang (or cc) -shared -fPIC -o cstore_warning_plugin.so cstore_warning_plugin.c
 */
#include <orthanc/OrthancCPlugin.h>

#include <string.h>

static OrthancPluginContext *context = NULL;

/* Whether the top-level "SOPClassUID" of the simplified JSON is the Segmentation Storage class
 * (a nested "ReferencedSOPClassUID" does not match: the character before the key is a quote). */
static int isSegmentation(const char *json) {
    static const char key[] = "\"SOPClassUID\"";
    static const char segmentation[] = "\"1.2.840.10008.5.1.4.1.1.66.4\"";
    const char *at = json != NULL ? strstr(json, key) : NULL;
    if (at == NULL) return 0;
    at += sizeof key - 1;
    while (*at == ' ' || *at == ':' || *at == '\t' || *at == '\n' || *at == '\r') at++;
    return strncmp(at, segmentation, sizeof segmentation - 1) == 0;
}

static int32_t filter(uint16_t *dimseStatus, const OrthancPluginDicomInstance *instance) {
    char *json = OrthancPluginGetInstanceSimplifiedJson(context, instance);
    int segmentation = isSegmentation(json);
    if (json != NULL) OrthancPluginFreeString(context, json);
    if (!segmentation) return 1;  /* store, status Success */
    *dimseStatus = 0xB000;
    return 0;                     /* answered with the warning, not kept */
}

ORTHANC_PLUGINS_API int32_t OrthancPluginInitialize(OrthancPluginContext *c) {
    context = c;
    if (!OrthancPluginCheckVersion(c)) return -1;
    return OrthancPluginRegisterIncomingCStoreInstanceFilter(c, filter) == OrthancPluginErrorCode_Success ? 0 : -1;
}

ORTHANC_PLUGINS_API void OrthancPluginFinalize(void) {}

ORTHANC_PLUGINS_API const char *OrthancPluginGetName(void) { return "lesiondensity-cstore-warning"; }

ORTHANC_PLUGINS_API const char *OrthancPluginGetVersion(void) { return "1"; }
