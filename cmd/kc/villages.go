package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// villages runs `kc villages list|history`.
func (m *Main) villages(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return m.villagesList(ctx, args[1:])
		case "history":
			return m.villageHistory(ctx, args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh villages cần việc cần làm: kc villages list, hoặc kc villages history SỐ|TÊN_LÀNG_NGHỀ -o TỆP.pdf.")
}

// villagesList prints the craft villages, one a line, by name: number, name, ward code, trade,
// enterprises, households and workers in the trade.
func (m *Main) villagesList(ctx context.Context, args []string) error {
	fs := m.flags("villages list")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	return m.services(func(b docs.Builder) error {
		list, err := b.Villages.FindVillages(ctx, data.VillageFilter{})
		if err != nil {
			return err
		}
		for _, v := range list {
			if _, err := fmt.Fprintf(m.Stdout, "%d\t%s\t%s\t%s\t%d\t%d\t%d\n",
				v.ID, v.Name, v.WardCode, v.Trade, v.Enterprises, v.Households, v.Workers); err != nil {
				return err
			}
		}
		return nil
	})
}

// findVillage returns the village numbered key, or named key (any case, marks or not: "bat
// trang" finds "Làng gốm Bát Tràng" when it is the only one the words find).
func findVillage(ctx context.Context, vs data.VillageService, key string) (*data.Village, error) {
	if id, err := strconv.ParseInt(strings.TrimSpace(key), 10, 64); err == nil {
		v, err := vs.FindVillageByID(ctx, id)
		if data.ErrorCode(err) == data.ENOTFOUND {
			return nil, data.Errorf(data.ENOTFOUND, "Không có làng nghề số %d. Xem số và tên các làng nghề bằng lệnh kc villages list.", id)
		}
		return v, err
	}
	list, err := vs.FindVillages(ctx, data.VillageFilter{Search: key})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, v := range list {
		if vn.Fold(v.Name) == vn.Fold(strings.TrimSpace(key)) {
			return v, nil
		}
		names = append(names, v.Name)
	}
	switch len(list) {
	case 0:
		return nil, data.Errorf(data.ENOTFOUND, "Không có làng nghề nào tên “%s”. Xem số và tên các làng nghề bằng lệnh kc villages list.", strings.TrimSpace(key))
	case 1:
		return list[0], nil
	}
	return nil, data.Errorf(data.EINVALID, "“%s” khớp %d làng nghề: %s. Hãy gõ tên đầy đủ hoặc số của làng nghề (kc villages list).",
		strings.TrimSpace(key), len(list), strings.Join(names, "; "))
}

// villageHistory writes a craft village's support history as a PDF or an Excel workbook.
func (m *Main) villageHistory(ctx context.Context, args []string) error {
	const how = "kc villages history SỐ|TÊN_LÀNG_NGHỀ -o TỆP.pdf (hoặc TỆP.xlsx)"
	key, out, err := m.docCommand("villages history", "số hoặc tên làng nghề", how, args, nil)
	if err != nil {
		return err
	}
	return m.document(out, docs.KindVillageHistory, how, func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
		v, err := findVillage(ctx, b.Villages, key)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return b.VillageHistory(ctx, v.ID, format, w) }, nil
	})
}

// enterpriseHistory writes every support an enterprise received as a PDF or an Excel workbook;
// the enterprise is named by its number, the first column of kc enterprises list.
func (m *Main) enterpriseHistory(ctx context.Context, args []string) error {
	const how = "kc enterprises history SỐ -o TỆP.pdf (hoặc TỆP.xlsx)"
	key, out, err := m.docCommand("enterprises history", "số của doanh nghiệp", how, args, nil)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(strings.TrimSpace(key), 10, 64)
	if err != nil || id <= 0 {
		return data.Errorf(data.EINVALID, "%q không phải số của một doanh nghiệp: số là cột đầu của kc enterprises list (ví dụ kc enterprises list --search \"bát tràng\").", key)
	}
	return m.document(out, docs.KindEnterpriseHistory, how, func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
		if _, err := b.Enterprises.FindEnterpriseByID(ctx, id); data.ErrorCode(err) == data.ENOTFOUND {
			return nil, data.Errorf(data.ENOTFOUND, "Không có doanh nghiệp số %d. Xem số của các doanh nghiệp bằng lệnh kc enterprises list.", id)
		} else if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return b.EnterpriseHistory(ctx, id, format, w) }, nil
	})
}
