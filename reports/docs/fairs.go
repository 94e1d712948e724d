package docs

import (
	"context"
	"io"

	"khuyencong/data"
	"khuyencong/reports"
)

// FairParticipants writes the list of enterprises taking part in the fair (danh sách doanh
// nghiệp tham gia) as PDF or Excel. Reads Settings and Fairs. ENOTFOUND for an unknown fair.
func (b Builder) FairParticipants(ctx context.Context, fairID int64, format Format, w io.Writer) error {
	write, err := pick(KindFairParticipants, format, reports.WriteFairParticipantsPDF, reports.WriteFairParticipantsXLSX)
	return b.fairTable(ctx, fairID, w, write, err)
}

// FairSettlement writes the fair's support settlement (bảng tổng hợp kinh phí hỗ trợ) as PDF or
// Excel. Reads Settings and Fairs. ENOTFOUND for an unknown fair.
func (b Builder) FairSettlement(ctx context.Context, fairID int64, format Format, w io.Writer) error {
	write, err := pick(KindFairSettlement, format, reports.WriteFairSettlementPDF, reports.WriteFairSettlementXLSX)
	return b.fairTable(ctx, fairID, w, write, err)
}

// fairTable writes one of a fair's tables with the writer pick chose, or returns pick's error.
func (b Builder) fairTable(ctx context.Context, fairID int64, w io.Writer, write func(io.Writer, reports.FairDoc) error, picked error) error {
	if picked != nil {
		return picked
	}
	d, err := b.fairDoc(ctx, fairID)
	if err != nil {
		return err
	}
	return write(w, d)
}

// BookingConfirmation writes the letter confirming one booking of the fair (thư xác nhận tham
// gia) as PDF. Reads Settings and Fairs. ENOTFOUND for an unknown fair, or a booking the fair
// does not have.
func (b Builder) BookingConfirmation(ctx context.Context, fairID, bookingID int64, w io.Writer) error {
	d, err := b.fairDoc(ctx, fairID)
	if err != nil {
		return err
	}
	for _, x := range d.Bookings {
		if x.ID == bookingID {
			return reports.WriteBookingConfirmationPDF(w, d, x)
		}
	}
	return data.Errorf(data.ENOTFOUND, "Hội chợ %s không có đăng ký số %d.", d.Fair.Code, bookingID)
}

// fairDoc reads what a fair's documents are made from.
func (b Builder) fairDoc(ctx context.Context, fairID int64) (reports.FairDoc, error) {
	f, err := b.Fairs.FindFairByID(ctx, fairID)
	if err != nil {
		return reports.FairDoc{}, err
	}
	bookings, err := b.Fairs.FairBookings(ctx, fairID)
	if err != nil {
		return reports.FairDoc{}, err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return reports.FairDoc{}, err
	}
	return reports.FairDoc{Org: org, Date: b.today(), Fair: f, Bookings: bookings}, nil
}
