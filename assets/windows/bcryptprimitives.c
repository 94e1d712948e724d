// A stand-in for Windows' bcryptprimitives.dll, for running the Windows build under Wine 8 in
// tests only: Go 1.26's runtime takes its random bytes from ProcessPrng in that DLL, which every
// Windows the program supports has and Wine 8 lacks. It is never installed on a clerk's computer.
#include <windows.h>

// RtlGenRandom, which Wine has; advapi32 exports it under this name.
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

// ProcessPrng fills data with len random bytes and, as Windows' own, always succeeds.
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n)) {
			// Windows' ProcessPrng cannot fail; nor can a caller cope with it failing.
			RaiseFailFastException(NULL, NULL, 0);
		}
		data += n;
		len -= n;
	}
	return TRUE;
}
